namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q18, large volume customer: the hundred largest orders of more than 300 units.</summary>
    /// <remarks>The <c>in</c> subquery (orders of more than 300 units) becomes a grouped filter joined as a semi-join.</remarks>
    public static IQueryable<Q18Row> Q18(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var largeOrderKeys =
            from l in tables.LineItem
            group l.Quantity by l.OrderKey into g
            where g.Sum() > 300
            select g.Key;
        var largeOrders =
            from o in tables.Orders
            join k in largeOrderKeys on o.OrderKey equals k
            join c in tables.Customer on o.CustKey equals c.CustKey
            select new { c.Name, c.CustKey, o.OrderKey, o.OrderDate, o.TotalPrice };
        return (
            from l in tables.LineItem
            join o in largeOrders on l.OrderKey equals o.OrderKey
            group l.Quantity by o into g
            select new Q18Row(g.Key.Name, g.Key.CustKey, g.Key.OrderKey, g.Key.OrderDate, g.Key.TotalPrice, g.Sum()) into row
            orderby row.TotalPrice descending, row.OrderDate
            select row)
            .Take(100);
    }
}
