namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q8, national market share: Brazil's share of American revenue for one part type in 1995 and 1996.</summary>
    public static IQueryable<Q08Row> Q8(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var start = new DateOnly(1995, 1, 1);
        var end = new DateOnly(1996, 12, 31);
        var steelParts =
            from p in tables.Part
            where p.Type == "ECONOMY ANODIZED STEEL"
            select p.PartKey;
        var americanCustomers =
            from c in tables.Customer
            join n1 in tables.Nation on c.NationKey equals n1.NationKey
            join r in tables.Region on n1.RegionKey equals r.RegionKey
            where r.Name == "AMERICA"
            select c.CustKey;
        var americanOrders =
            from o in tables.Orders
            where o.OrderDate >= start && o.OrderDate <= end
            join c in americanCustomers on o.CustKey equals c
            select new { o.OrderKey, o.OrderDate.Year };
        var supplierNations =
            from s in tables.Supplier
            join n2 in tables.Nation on s.NationKey equals n2.NationKey
            select new { s.SuppKey, Nation = n2.Name };
        return
            from l in tables.LineItem
            join p in steelParts on l.PartKey equals p
            join o in americanOrders on l.OrderKey equals o.OrderKey
            join s in supplierNations on l.SuppKey equals s.SuppKey
            group new { Volume = l.ExtendedPrice * (1 - l.Discount), s.Nation } by o.Year into g
            select new Q08Row(g.Key, g.Sum(x => x.Nation == "BRAZIL" ? x.Volume : 0) / g.Sum(x => x.Volume)) into row
            orderby row.Year
            select row;
    }
}
