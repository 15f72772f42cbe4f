namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q3, shipping priority: the ten unshipped orders of the BUILDING segment with the highest revenue.</summary>
    public static IQueryable<Q03Row> Q3(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var date = new DateOnly(1995, 3, 15);
        var buildingCustomers =
            from c in tables.Customer
            where c.MktSegment == "BUILDING"
            select c.CustKey;
        var buildingOrders =
            from o in tables.Orders
            where o.OrderDate < date
            join c in buildingCustomers on o.CustKey equals c
            select new { o.OrderKey, o.OrderDate, o.ShipPriority };
        return (
            from l in tables.LineItem
            where l.ShipDate > date
            join o in buildingOrders on l.OrderKey equals o.OrderKey
            group l.ExtendedPrice * (1 - l.Discount) by new { l.OrderKey, o.OrderDate, o.ShipPriority } into g
            select new Q03Row(g.Key.OrderKey, g.Sum(), g.Key.OrderDate, g.Key.ShipPriority) into row
            orderby row.Revenue descending, row.OrderDate
            select row)
            .Take(10);
    }
}
