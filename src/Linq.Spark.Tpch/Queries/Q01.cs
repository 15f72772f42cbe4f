namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q1, pricing summary report: billed, shipped and returned business per return flag and line status.</summary>
    public static IQueryable<Q01Row> Q1(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var shippedBy = new DateOnly(1998, 12, 1).AddDays(-90);
        return
            from l in tables.LineItem
            where l.ShipDate <= shippedBy
            group l by new { l.ReturnFlag, l.LineStatus } into g
            orderby g.Key.ReturnFlag, g.Key.LineStatus
            select new Q01Row(
                g.Key.ReturnFlag,
                g.Key.LineStatus,
                g.Sum(x => x.Quantity),
                g.Sum(x => x.ExtendedPrice),
                g.Sum(x => x.ExtendedPrice * (1 - x.Discount)),
                g.Sum(x => x.ExtendedPrice * (1 - x.Discount) * (1 + x.Tax)),
                g.Average(x => x.Quantity),
                g.Average(x => x.ExtendedPrice),
                g.Average(x => x.Discount),
                g.Count());
    }
}
