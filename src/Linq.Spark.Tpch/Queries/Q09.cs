namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q9, product type profit measure: profit on parts whose name mentions green, per supplier nation and year.</summary>
    public static IQueryable<Q09Row> Q9(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return
            from p in tables.Part
            where p.Name.Contains("green")
            join l in tables.LineItem on p.PartKey equals l.PartKey
            join ps in tables.PartSupp on new { l.PartKey, l.SuppKey } equals new { ps.PartKey, ps.SuppKey }
            join s in tables.Supplier on l.SuppKey equals s.SuppKey
            join n in tables.Nation on s.NationKey equals n.NationKey
            join o in tables.Orders on l.OrderKey equals o.OrderKey
            group (l.ExtendedPrice * (1 - l.Discount)) - (ps.SupplyCost * l.Quantity) by new { Nation = n.Name, o.OrderDate.Year } into g
            select new Q09Row(g.Key.Nation, g.Key.Year, g.Sum()) into row
            orderby row.Nation, row.Year descending
            select row;
    }
}
