namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q22, global sales opportunity: well-funded customers of seven country codes who have never ordered.</summary>
    /// <remarks>
    /// The uncorrelated average balance runs first, as its own action; <c>not exists</c> (an order of the
    /// customer) is an anti-join: a group join with the distinct ordering customers whose group is empty.
    /// </remarks>
    public static IQueryable<Q22Row> Q22(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        IEnumerable<string> codes = ["13", "31", "23", "29", "30", "18", "17"];
        double averageBalance = (
            from c in tables.Customer
            where c.AcctBal > 0.00 && codes.Contains(c.Phone.Substring(0, 2))
            select c.AcctBal)
            .Average();
        var orderingCustomers = (from o in tables.Orders select o.CustKey).Distinct();
        return
            from c in tables.Customer
            where codes.Contains(c.Phone.Substring(0, 2)) && c.AcctBal > averageBalance
            join k in orderingCustomers on c.CustKey equals k into customerOrders
            where !customerOrders.Any()
            group c.AcctBal by c.Phone.Substring(0, 2) into g
            select new Q22Row(g.Key, g.Count(), g.Sum()) into row
            orderby row.CntryCode
            select row;
    }
}
