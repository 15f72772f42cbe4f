namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q5, local supplier volume: revenue in 1994 from Asian customers served by suppliers of their own nation.</summary>
    public static IQueryable<Q05Row> Q5(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var start = new DateOnly(1994, 1, 1);
        var end = start.AddYears(1);
        var asianCustomers =
            from c in tables.Customer
            join n in tables.Nation on c.NationKey equals n.NationKey
            join r in tables.Region on n.RegionKey equals r.RegionKey
            where r.Name == "ASIA"
            select new { c.CustKey, c.NationKey, NationName = n.Name };
        var asianOrders =
            from o in tables.Orders
            where o.OrderDate >= start && o.OrderDate < end
            join c in asianCustomers on o.CustKey equals c.CustKey
            select new { o.OrderKey, c.NationKey, c.NationName };
        return
            from l in tables.LineItem
            join o in asianOrders on l.OrderKey equals o.OrderKey
            join s in tables.Supplier on new { l.SuppKey, o.NationKey } equals new { s.SuppKey, s.NationKey }
            group l.ExtendedPrice * (1 - l.Discount) by o.NationName into g
            select new Q05Row(g.Key, g.Sum()) into row
            orderby row.Revenue descending
            select row;
    }
}
