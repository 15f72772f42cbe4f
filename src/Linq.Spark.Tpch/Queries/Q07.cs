namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q7, volume shipping: goods shipped between France and Germany in 1995 and 1996, per direction and year.</summary>
    /// <remarks>Suppliers and customers are narrowed to the two nations before the join; the pair condition follows it.</remarks>
    public static IQueryable<Q07Row> Q7(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var start = new DateOnly(1995, 1, 1);
        var end = new DateOnly(1996, 12, 31);
        IEnumerable<string> nations = ["FRANCE", "GERMANY"];
        var suppliers =
            from s in tables.Supplier
            join n in tables.Nation on s.NationKey equals n.NationKey
            where nations.Contains(n.Name)
            select new { s.SuppKey, Nation = n.Name };
        var customers =
            from c in tables.Customer
            join n in tables.Nation on c.NationKey equals n.NationKey
            where nations.Contains(n.Name)
            select new { c.CustKey, Nation = n.Name };
        var orders =
            from o in tables.Orders
            join c in customers on o.CustKey equals c.CustKey
            select new { o.OrderKey, c.Nation };
        return
            from l in tables.LineItem
            where l.ShipDate >= start && l.ShipDate <= end
            join s in suppliers on l.SuppKey equals s.SuppKey
            join o in orders on l.OrderKey equals o.OrderKey
            where (s.Nation == "FRANCE" && o.Nation == "GERMANY") || (s.Nation == "GERMANY" && o.Nation == "FRANCE")
            group l.ExtendedPrice * (1 - l.Discount) by new { SuppNation = s.Nation, CustNation = o.Nation, l.ShipDate.Year } into g
            select new Q07Row(g.Key.SuppNation, g.Key.CustNation, g.Key.Year, g.Sum()) into row
            orderby row.SuppNation, row.CustNation, row.Year
            select row;
    }
}
