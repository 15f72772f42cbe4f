namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q8, national market share: Brazil's share of American revenue for one part type in 1995 and 1996.</summary>
    public static IQueryable<Q08Row> Q8(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var start = new DateOnly(1995, 1, 1);
        var end = new DateOnly(1996, 12, 31);
        return
            from p in tables.Part
            where p.Type == "ECONOMY ANODIZED STEEL"
            join l in tables.LineItem on p.PartKey equals l.PartKey
            join o in tables.Orders on l.OrderKey equals o.OrderKey
            where o.OrderDate >= start && o.OrderDate <= end
            join c in tables.Customer on o.CustKey equals c.CustKey
            join n1 in tables.Nation on c.NationKey equals n1.NationKey
            join r in tables.Region on n1.RegionKey equals r.RegionKey
            where r.Name == "AMERICA"
            join s in tables.Supplier on l.SuppKey equals s.SuppKey
            join n2 in tables.Nation on s.NationKey equals n2.NationKey
            group new { Volume = l.ExtendedPrice * (1 - l.Discount), Nation = n2.Name } by o.OrderDate.Year into g
            select new Q08Row(g.Key, g.Sum(x => x.Nation == "BRAZIL" ? x.Volume : 0) / g.Sum(x => x.Volume)) into row
            orderby row.Year
            select row;
    }
}
