namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q2, minimum cost supplier: for each brass part of size 15, the European suppliers with the lowest cost.</summary>
    /// <remarks>The correlated <c>min(ps_supplycost)</c> subquery becomes a per-part minimum joined back on part and cost.</remarks>
    public static IQueryable<Q02Row> Q2(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var europeanSupply =
            from r in tables.Region
            where r.Name == "EUROPE"
            join n in tables.Nation on r.RegionKey equals n.RegionKey
            join s in tables.Supplier on n.NationKey equals s.NationKey
            join ps in tables.PartSupp on s.SuppKey equals ps.SuppKey
            select new { ps.PartKey, ps.SupplyCost, Supplier = s, NationName = n.Name };
        var minimumCost =
            from x in europeanSupply
            group x.SupplyCost by x.PartKey into g
            select new { PartKey = g.Key, SupplyCost = g.Min() };
        return (
            from p in tables.Part
            where p.Size == 15 && p.Type.EndsWith("BRASS", StringComparison.Ordinal)
            join x in europeanSupply on p.PartKey equals x.PartKey
            join m in minimumCost on new { x.PartKey, x.SupplyCost } equals new { m.PartKey, m.SupplyCost }
            orderby x.Supplier.AcctBal descending, x.NationName, x.Supplier.Name, p.PartKey
            select new Q02Row(
                x.Supplier.AcctBal,
                x.Supplier.Name,
                x.NationName,
                p.PartKey,
                p.Mfgr,
                x.Supplier.Address,
                x.Supplier.Phone,
                x.Supplier.Comment))
            .Take(100);
    }
}
