namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q17, small-quantity-order revenue: yearly revenue lost if small orders of one brand and container stopped.</summary>
    /// <remarks>
    /// The correlated per-part average becomes a grouped average joined back on the part key; it is computed over
    /// the lines of the qualifying parts only, the only parts whose average the query reads.
    /// </remarks>
    public static IQueryable<Q17Row> Q17(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var parts =
            from p in tables.Part
            where p.Brand == "Brand#23" && p.Container == "MED BOX"
            select p.PartKey;
        var candidateLines =
            from l in tables.LineItem
            join p in parts on l.PartKey equals p
            select new { l.PartKey, l.Quantity, l.ExtendedPrice };
        var smallQuantity =
            from l in candidateLines
            group l.Quantity by l.PartKey into g
            select new { PartKey = g.Key, Limit = 0.2 * g.Average() };
        return
            from l in candidateLines
            join a in smallQuantity on l.PartKey equals a.PartKey
            where l.Quantity < a.Limit
            group l.ExtendedPrice by 1 into g
            select new Q17Row(g.Sum() / 7.0);
    }
}
