namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q13, customer distribution: how many customers placed how many orders, ignoring special requests.</summary>
    /// <remarks>
    /// The left outer join with a count of the matched orders is a group join; <c>not like '%special%requests%'</c>
    /// is "special", then "requests" somewhere after it.
    /// </remarks>
    public static IQueryable<Q13Row> Q13(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var ordinaryOrders =
            from o in tables.Orders
            where !(o.Comment.Contains("special")
                && o.Comment.IndexOf("requests", o.Comment.IndexOf("special", StringComparison.Ordinal) + "special".Length, StringComparison.Ordinal) >= 0)
            select o;
        var orderCounts =
            from c in tables.Customer
            join o in ordinaryOrders on c.CustKey equals o.CustKey into customerOrders
            select new { c.CustKey, Count = customerOrders.Count() };
        return
            from x in orderCounts
            group x by x.Count into g
            select new Q13Row(g.Key, g.Count()) into row
            orderby row.CustDist descending, row.CCount descending
            select row;
    }
}
