namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q15, top supplier: the suppliers with the largest revenue in the first quarter of 1996.</summary>
    /// <remarks>
    /// The <c>revenue0</c> view is a grouped query; its maximum runs first, as its own action, and the query
    /// keeps the suppliers whose revenue equals it. Each revenue is rounded to four decimals, the exact precision
    /// of price × (1 − discount) in the specification's decimal arithmetic, so that the equality holds whatever
    /// order an engine adds the partial sums in.
    /// </remarks>
    public static IQueryable<Q15Row> Q15(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var start = new DateOnly(1996, 1, 1);
        var end = start.AddMonths(3);
        var revenue =
            from l in tables.LineItem
            where l.ShipDate >= start && l.ShipDate < end
            group l.ExtendedPrice * (1 - l.Discount) by l.SuppKey into g
            select new { SupplierNo = g.Key, TotalRevenue = Math.Round(g.Sum(), 4) };
        double maxRevenue = revenue.Max(r => r.TotalRevenue);
        return
            from s in tables.Supplier
            join r in revenue on s.SuppKey equals r.SupplierNo
            where r.TotalRevenue == maxRevenue
            orderby s.SuppKey
            select new Q15Row(s.SuppKey, s.Name, s.Address, s.Phone, r.TotalRevenue);
    }
}
