namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q16, parts/supplier relationship: suppliers without complaints per brand, type and size of part.</summary>
    /// <remarks>
    /// <c>not in</c> (suppliers with complaints) is an anti-join: a group join whose group is empty.
    /// <c>count(distinct ps_suppkey)</c> is a distinct over (brand, type, size, supplier), then a count per group,
    /// which keeps both steps decomposable.
    /// </remarks>
    public static IQueryable<Q16Row> Q16(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        IEnumerable<int> sizes = [49, 14, 23, 45, 19, 3, 36, 9];
        var complainers =
            from s in tables.Supplier
            where s.Comment.Contains("Customer")
                && s.Comment.IndexOf("Complaints", s.Comment.IndexOf("Customer", StringComparison.Ordinal) + "Customer".Length, StringComparison.Ordinal) >= 0
            select s.SuppKey;
        var pairs = (
            from p in tables.Part
            where p.Brand != "Brand#45" && !p.Type.StartsWith("MEDIUM POLISHED", StringComparison.Ordinal) && sizes.Contains(p.Size)
            join ps in tables.PartSupp on p.PartKey equals ps.PartKey
            join bad in complainers on ps.SuppKey equals bad into badSuppliers
            where !badSuppliers.Any()
            select new { p.Brand, p.Type, p.Size, ps.SuppKey })
            .Distinct();
        return
            from x in pairs
            group x by new { x.Brand, x.Type, x.Size } into g
            select new Q16Row(g.Key.Brand, g.Key.Type, g.Key.Size, g.Count()) into row
            orderby row.SupplierCnt descending, row.Brand, row.Type, row.Size
            select row;
    }
}
