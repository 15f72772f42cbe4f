namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q4, order priority checking: orders of a quarter with at least one line received late, per priority.</summary>
    /// <remarks>The <c>exists</c> subquery becomes a semi-join with the distinct keys of orders that have a late line.</remarks>
    public static IQueryable<Q04Row> Q4(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var start = new DateOnly(1993, 7, 1);
        var end = start.AddMonths(3);
        var lateOrders = (
            from l in tables.LineItem
            where l.CommitDate < l.ReceiptDate
            select l.OrderKey)
            .Distinct();
        return
            from o in tables.Orders
            where o.OrderDate >= start && o.OrderDate < end
            join k in lateOrders on o.OrderKey equals k
            group o by o.OrderPriority into g
            orderby g.Key
            select new Q04Row(g.Key, g.Count());
    }
}
