namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q21, suppliers who kept orders waiting: Saudi suppliers who alone failed a multi-supplier order's commit date.</summary>
    /// <remarks>
    /// <c>exists</c> (another supplier on the order) becomes "the order's smallest and largest supplier key differ",
    /// and <c>not exists</c> (another late supplier) "the order's late lines all have one supplier" — which, since
    /// this line is late, is this line's supplier. Both are Min/Max groupings, which split into partial and final
    /// aggregation, joined as semi-joins.
    /// </remarks>
    public static IQueryable<Q21Row> Q21(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var multiSupplierOrders =
            from l in tables.LineItem
            group l.SuppKey by l.OrderKey into g
            where g.Min() != g.Max()
            select g.Key;
        var singleLateSupplierOrders =
            from l in tables.LineItem
            where l.ReceiptDate > l.CommitDate
            group l.SuppKey by l.OrderKey into g
            where g.Min() == g.Max()
            select g.Key;
        var saudiSuppliers =
            from s in tables.Supplier
            join n in tables.Nation on s.NationKey equals n.NationKey
            where n.Name == "SAUDI ARABIA"
            select new { s.SuppKey, s.Name };
        var failedOrders =
            from o in tables.Orders
            where o.OrderStatus == 'F'
            select o.OrderKey;
        return (
            from l1 in tables.LineItem
            where l1.ReceiptDate > l1.CommitDate
            join s in saudiSuppliers on l1.SuppKey equals s.SuppKey
            join o in failedOrders on l1.OrderKey equals o
            join m in multiSupplierOrders on l1.OrderKey equals m
            join single in singleLateSupplierOrders on l1.OrderKey equals single
            group l1 by s.Name into g
            select new Q21Row(g.Key, g.Count()) into row
            orderby row.NumWait descending, row.Name
            select row)
            .Take(100);
    }
}
