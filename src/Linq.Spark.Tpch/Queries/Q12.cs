namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q12, shipping modes and order priority: late lines received in 1994 by mail or ship, split by priority.</summary>
    public static IQueryable<Q12Row> Q12(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var start = new DateOnly(1994, 1, 1);
        var end = start.AddYears(1);
        IEnumerable<string> shipModes = ["MAIL", "SHIP"];
        return
            from l in tables.LineItem
            where shipModes.Contains(l.ShipMode)
                && l.CommitDate < l.ReceiptDate
                && l.ShipDate < l.CommitDate
                && l.ReceiptDate >= start && l.ReceiptDate < end
            join o in tables.Orders on l.OrderKey equals o.OrderKey
            group o.OrderPriority by l.ShipMode into g
            select new Q12Row(
                g.Key,
                g.Count(p => p == "1-URGENT" || p == "2-HIGH"),
                g.Count(p => p != "1-URGENT" && p != "2-HIGH")) into row
            orderby row.ShipMode
            select row;
    }
}
