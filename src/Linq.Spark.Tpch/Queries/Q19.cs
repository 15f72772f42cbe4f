namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q19, discounted revenue: revenue from air deliveries in person of three brand, container and size classes.</summary>
    public static IQueryable<Q19Row> Q19(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        IEnumerable<string> small = ["SM CASE", "SM BOX", "SM PACK", "SM PKG"];
        IEnumerable<string> medium = ["MED BAG", "MED BOX", "MED PKG", "MED PACK"];
        IEnumerable<string> large = ["LG CASE", "LG BOX", "LG PACK", "LG PKG"];
        IEnumerable<string> air = ["AIR", "AIR REG"];
        return
            from l in tables.LineItem
            where air.Contains(l.ShipMode) && l.ShipInstruct == "DELIVER IN PERSON"
            join p in tables.Part on l.PartKey equals p.PartKey
            where (p.Brand == "Brand#12" && small.Contains(p.Container)
                    && l.Quantity >= 1 && l.Quantity <= 1 + 10 && p.Size >= 1 && p.Size <= 5)
                || (p.Brand == "Brand#23" && medium.Contains(p.Container)
                    && l.Quantity >= 10 && l.Quantity <= 10 + 10 && p.Size >= 1 && p.Size <= 10)
                || (p.Brand == "Brand#34" && large.Contains(p.Container)
                    && l.Quantity >= 20 && l.Quantity <= 20 + 10 && p.Size >= 1 && p.Size <= 15)
            group l.ExtendedPrice * (1 - l.Discount) by 1 into g
            select new Q19Row(g.Sum());
    }
}
