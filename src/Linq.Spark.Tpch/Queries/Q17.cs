namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q17, small-quantity-order revenue: yearly revenue lost if small orders of one brand and container stopped.</summary>
    /// <remarks>The correlated per-part average becomes a grouped average joined back on the part key.</remarks>
    public static IQueryable<Q17Row> Q17(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var smallQuantity =
            from l in tables.LineItem
            group l.Quantity by l.PartKey into g
            select new { PartKey = g.Key, Limit = 0.2 * g.Average() };
        return
            from p in tables.Part
            where p.Brand == "Brand#23" && p.Container == "MED BOX"
            join l in tables.LineItem on p.PartKey equals l.PartKey
            join a in smallQuantity on p.PartKey equals a.PartKey
            where l.Quantity < a.Limit
            group l.ExtendedPrice by 1 into g
            select new Q17Row(g.Sum() / 7.0);
    }
}
