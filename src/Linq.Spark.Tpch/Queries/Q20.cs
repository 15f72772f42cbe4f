namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q20, potential part promotion: Canadian suppliers with surplus stock of forest parts shipped in 1994.</summary>
    /// <remarks>
    /// The nested <c>in</c> subqueries become semi-joins, and the correlated half-of-shipped-quantity subquery a
    /// grouped sum per (part, supplier) over the forest parts' 1994 lines, joined on both keys: pairs that shipped
    /// nothing drop out, as the SQL's comparison with NULL does.
    /// </remarks>
    public static IQueryable<Q20Row> Q20(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var start = new DateOnly(1994, 1, 1);
        var end = start.AddYears(1);
        var forestParts =
            from p in tables.Part
            where p.Name.StartsWith("forest", StringComparison.Ordinal)
            select p.PartKey;
        var shipped =
            from l in tables.LineItem
            where l.ShipDate >= start && l.ShipDate < end
            join p in forestParts on l.PartKey equals p
            group l.Quantity by new { l.PartKey, l.SuppKey } into g
            select new { g.Key.PartKey, g.Key.SuppKey, Half = 0.5 * g.Sum() };
        var surplusSuppliers = (
            from ps in tables.PartSupp
            join q in shipped on new { ps.PartKey, ps.SuppKey } equals new { q.PartKey, q.SuppKey }
            where ps.AvailQty > q.Half
            select ps.SuppKey)
            .Distinct();
        return
            from s in tables.Supplier
            join n in tables.Nation on s.NationKey equals n.NationKey
            where n.Name == "CANADA"
            join k in surplusSuppliers on s.SuppKey equals k
            orderby s.Name
            select new Q20Row(s.Name, s.Address);
    }
}
