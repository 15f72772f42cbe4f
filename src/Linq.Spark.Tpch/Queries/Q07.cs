namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q7, volume shipping: goods shipped between France and Germany in 1995 and 1996, per direction and year.</summary>
    public static IQueryable<Q07Row> Q7(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var start = new DateOnly(1995, 1, 1);
        var end = new DateOnly(1996, 12, 31);
        return
            from n1 in tables.Nation
            join s in tables.Supplier on n1.NationKey equals s.NationKey
            join l in tables.LineItem on s.SuppKey equals l.SuppKey
            where l.ShipDate >= start && l.ShipDate <= end
            join o in tables.Orders on l.OrderKey equals o.OrderKey
            join c in tables.Customer on o.CustKey equals c.CustKey
            join n2 in tables.Nation on c.NationKey equals n2.NationKey
            where (n1.Name == "FRANCE" && n2.Name == "GERMANY") || (n1.Name == "GERMANY" && n2.Name == "FRANCE")
            group l.ExtendedPrice * (1 - l.Discount) by new { SuppNation = n1.Name, CustNation = n2.Name, l.ShipDate.Year } into g
            select new Q07Row(g.Key.SuppNation, g.Key.CustNation, g.Key.Year, g.Sum()) into row
            orderby row.SuppNation, row.CustNation, row.Year
            select row;
    }
}
