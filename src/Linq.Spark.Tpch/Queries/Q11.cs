namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q11, important stock identification: German stock whose value exceeds a fraction of the nation's total.</summary>
    /// <remarks>
    /// The uncorrelated <c>having</c> subquery (the nation's total stock value) runs first, as its own action;
    /// the query then compares every part's value with that number. The specification's fraction is 0.0001 / SF;
    /// the default is the validation value 0.0001.
    /// </remarks>
    public static IQueryable<Q11Row> Q11(TpchTables tables, double fraction = 0.0001)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var germanStock =
            from n in tables.Nation
            where n.Name == "GERMANY"
            join s in tables.Supplier on n.NationKey equals s.NationKey
            join ps in tables.PartSupp on s.SuppKey equals ps.SuppKey
            select new { ps.PartKey, Value = ps.SupplyCost * ps.AvailQty };
        double threshold = germanStock.Sum(x => x.Value) * fraction;
        return
            from x in germanStock
            group x.Value by x.PartKey into g
            select new Q11Row(g.Key, g.Sum()) into row
            where row.Value > threshold
            orderby row.Value descending
            select row;
    }
}
