namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q9, product type profit measure: profit on parts whose name mentions green, per supplier nation and year.</summary>
    public static IQueryable<Q09Row> Q9(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var greenParts =
            from p in tables.Part
            where p.Name.Contains("green")
            select p.PartKey;
        var greenSupply =
            from ps in tables.PartSupp
            join p in greenParts on ps.PartKey equals p
            select ps;
        var supplierNations =
            from s in tables.Supplier
            join n in tables.Nation on s.NationKey equals n.NationKey
            select new { s.SuppKey, Nation = n.Name };
        return
            from l in tables.LineItem
            join ps in greenSupply on new { l.PartKey, l.SuppKey } equals new { ps.PartKey, ps.SuppKey }
            join s in supplierNations on l.SuppKey equals s.SuppKey
            join o in tables.Orders on l.OrderKey equals o.OrderKey
            group (l.ExtendedPrice * (1 - l.Discount)) - (ps.SupplyCost * l.Quantity) by new { s.Nation, o.OrderDate.Year } into g
            select new Q09Row(g.Key.Nation, g.Key.Year, g.Sum()) into row
            orderby row.Nation, row.Year descending
            select row;
    }
}
