namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q5, local supplier volume: revenue in 1994 from Asian customers served by suppliers of their own nation.</summary>
    public static IQueryable<Q05Row> Q5(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var start = new DateOnly(1994, 1, 1);
        var end = start.AddYears(1);
        return
            from r in tables.Region
            where r.Name == "ASIA"
            join n in tables.Nation on r.RegionKey equals n.RegionKey
            join c in tables.Customer on n.NationKey equals c.NationKey
            join o in tables.Orders on c.CustKey equals o.CustKey
            where o.OrderDate >= start && o.OrderDate < end
            join l in tables.LineItem on o.OrderKey equals l.OrderKey
            join s in tables.Supplier on new { l.SuppKey, c.NationKey } equals new { s.SuppKey, s.NationKey }
            group l.ExtendedPrice * (1 - l.Discount) by n.Name into g
            select new Q05Row(g.Key, g.Sum()) into row
            orderby row.Revenue descending
            select row;
    }
}
