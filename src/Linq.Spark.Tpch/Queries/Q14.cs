namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q14, promotion effect: the percentage of September 1995 revenue that came from promotional parts.</summary>
    public static IQueryable<Q14Row> Q14(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var start = new DateOnly(1995, 9, 1);
        var end = start.AddMonths(1);
        return
            from l in tables.LineItem
            where l.ShipDate >= start && l.ShipDate < end
            join p in tables.Part on l.PartKey equals p.PartKey
            group new { Revenue = l.ExtendedPrice * (1 - l.Discount), Promo = p.Type.StartsWith("PROMO", StringComparison.Ordinal) } by 1 into g
            select new Q14Row(100.00 * g.Sum(x => x.Promo ? x.Revenue : 0) / g.Sum(x => x.Revenue));
    }
}
