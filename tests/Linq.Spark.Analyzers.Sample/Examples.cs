namespace Linq.Spark.Analyzers.Sample;

/// <summary>One query per rule, each written to trigger exactly that rule and no other.</summary>
public static class Examples
{
    /// <summary>LQS001: the groups are materialized (groupByKey).</summary>
    public static object GroupByKey(SparkSession session, Order[] orders) =>
        session.Parallelize(orders).GroupBy(o => o.Customer).Select(g => new { g.Key, Items = g.ToList() }).ToList();

    /// <summary>LQS002: GroupBy, Distinct and OrderBy are three shuffles; the limit is two.</summary>
    public static object TooManyShuffles(SparkSession session, Order[] orders) =>
        session.Parallelize(orders)
            .GroupBy(o => o.Customer)
            .Select(g => new { g.Key, Total = g.Sum(o => o.Amount) })
            .Distinct()
            .OrderBy(x => x.Total)
            .ToList();

    /// <summary>LQS003: a second from over an uncorrelated session query.</summary>
    public static object CartesianProduct(SparkSession session, Order[] orders, Customer[] customers)
    {
        var people = session.Parallelize(customers);
        return (from o in session.Parallelize(orders)
                from c in people
                select new { o.Id, c.Country }).ToList();
    }

    /// <summary>LQS004: the GroupBy discards the order.</summary>
    public static object DiscardedSort(SparkSession session, Order[] orders) =>
        session.Parallelize(orders)
            .OrderBy(o => o.Date)
            .GroupBy(o => o.Customer)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToList();

    /// <summary>LQS005: the filter reads only the key, so it could run before the shuffle.</summary>
    public static object FilterAfterShuffle(SparkSession session, Order[] orders) =>
        session.Parallelize(orders)
            .GroupBy(o => o.Customer)
            .Where(g => g.Key != "internal")
            .Select(g => new { g.Key, Total = g.Sum(o => o.Amount) })
            .ToList();

    /// <summary>LQS006: the in-memory inner side is not broadcast.</summary>
    public static object SmallSideNotBroadcast(SparkSession session, Order[] orders, List<Customer> customers) =>
        session.Parallelize(orders).Join(customers, o => o.Customer, c => c.Name, (o, c) => new { o.Id, c.Country }).ToList();

    /// <summary>LQS007: the dictionary is shipped with every task.</summary>
    public static object CapturedCollection(SparkSession session, Order[] orders, Dictionary<string, string> countries) =>
        session.Parallelize(orders).Select(o => new { o.Id, Country = countries[o.Customer] }).ToList();

    /// <summary>LQS008: which ten customers come back depends on the shuffle.</summary>
    public static object NondeterministicTake(SparkSession session, Order[] orders) =>
        session.Parallelize(orders).Select(o => o.Customer).Distinct().Take(10).ToList();

    /// <summary>LQS009: the second action computes the query again.</summary>
    public static object MissingCache(SparkSession session, Order[] orders)
    {
        var paid = session.Parallelize(orders).Where(o => o.Paid);
        var count = paid.Count();
        var total = paid.Sum(o => o.Amount);
        return (count, total);
    }

    /// <summary>LQS010: lowering 64 partitions to 4 needs no shuffle.</summary>
    public static object UnnecessaryRepartition(SparkSession session, Order[] orders) =>
        session.Parallelize(orders, 64).Where(o => o.Paid).Repartition(4).ToList();

    /// <summary>LQS011: a user method in the predicate makes the stage run row by row.</summary>
    public static object VectorizationBlocker(SparkSession session, Order[] orders) =>
        session.Parallelize(orders).Where(o => IsVip(o.Customer)).ToList();

    /// <summary>LQS012: a bool key sends every row to one of two tasks.</summary>
    public static object SkewedKey(SparkSession session, Order[] orders) =>
        session.Parallelize(orders).GroupBy(o => o.Paid).Select(g => new { g.Key, Total = g.Sum(o => o.Amount) }).ToList();

    /// <summary>LQS013: ToList blocks a thread inside an async method.</summary>
    public static async Task<List<Order>> SyncActionInAsyncMethod(SparkSession session, Order[] orders)
    {
        await Task.Yield();
        return session.Parallelize(orders).Where(o => o.Paid).ToList();
    }

    private static bool IsVip(string customer) => customer.Length > 3;
}
