namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q20, potential part promotion: Canadian suppliers with surplus stock of forest parts shipped in 1994.</summary>
    /// <remarks>
    /// The nested <c>in</c> subqueries become semi-joins, and the correlated half-of-shipped-quantity subquery a
    /// grouped sum per (part, supplier) joined on both keys: pairs that shipped nothing drop out, as the SQL's
    /// comparison with NULL does.
    /// </remarks>
    public static IQueryable<Q20Row> Q20(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var start = new DateOnly(1994, 1, 1);
        var end = start.AddYears(1);
        var shipped =
            from l in tables.LineItem
            where l.ShipDate >= start && l.ShipDate < end
            group l.Quantity by new { l.PartKey, l.SuppKey } into g
            select new { g.Key.PartKey, g.Key.SuppKey, Half = 0.5 * g.Sum() };
        var surplusSuppliers = (
            from p in tables.Part
            where p.Name.StartsWith("forest", StringComparison.Ordinal)
            join ps in tables.PartSupp on p.PartKey equals ps.PartKey
            join q in shipped on new { ps.PartKey, ps.SuppKey } equals new { q.PartKey, q.SuppKey }
            where ps.AvailQty > q.Half
            select ps.SuppKey)
            .Distinct();
        return
            from n in tables.Nation
            where n.Name == "CANADA"
            join s in tables.Supplier on n.NationKey equals s.NationKey
            join k in surplusSuppliers on s.SuppKey equals k
            orderby s.Name
            select new Q20Row(s.Name, s.Address);
    }
}
