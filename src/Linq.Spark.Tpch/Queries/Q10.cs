namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q10, returned item reporting: the twenty customers who lost the most revenue to returns in a quarter.</summary>
    public static IQueryable<Q10Row> Q10(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var start = new DateOnly(1993, 10, 1);
        var end = start.AddMonths(3);
        var quarterOrders =
            from o in tables.Orders
            where o.OrderDate >= start && o.OrderDate < end
            select new { o.OrderKey, o.CustKey };
        return (
            from l in tables.LineItem
            where l.ReturnFlag == 'R'
            join o in quarterOrders on l.OrderKey equals o.OrderKey
            join c in tables.Customer on o.CustKey equals c.CustKey
            join n in tables.Nation on c.NationKey equals n.NationKey
            group l.ExtendedPrice * (1 - l.Discount)
                by new { c.CustKey, c.Name, c.AcctBal, c.Phone, NationName = n.Name, c.Address, c.Comment } into g
            select new Q10Row(
                g.Key.CustKey,
                g.Key.Name,
                g.Sum(),
                g.Key.AcctBal,
                g.Key.NationName,
                g.Key.Address,
                g.Key.Phone,
                g.Key.Comment) into row
            orderby row.Revenue descending
            select row)
            .Take(20);
    }
}
