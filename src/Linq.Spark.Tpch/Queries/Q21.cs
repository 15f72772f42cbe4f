namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q21, suppliers who kept orders waiting: Saudi suppliers who alone failed a multi-supplier order's commit date.</summary>
    /// <remarks>
    /// <c>exists</c> (another supplier on the order) becomes "the order has more than one distinct supplier", and
    /// <c>not exists</c> (another late supplier) becomes "the order has exactly one distinct late supplier" —
    /// which, since this line is late, is this line's supplier. Both are distinct-then-count groupings joined as
    /// semi-joins.
    /// </remarks>
    public static IQueryable<Q21Row> Q21(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var multiSupplierOrders =
            from x in (from l in tables.LineItem select new { l.OrderKey, l.SuppKey }).Distinct()
            group x by x.OrderKey into g
            where g.Count() > 1
            select g.Key;
        var singleLateSupplierOrders =
            from x in (from l in tables.LineItem where l.ReceiptDate > l.CommitDate select new { l.OrderKey, l.SuppKey }).Distinct()
            group x by x.OrderKey into g
            where g.Count() == 1
            select g.Key;
        return (
            from n in tables.Nation
            where n.Name == "SAUDI ARABIA"
            join s in tables.Supplier on n.NationKey equals s.NationKey
            join l1 in tables.LineItem on s.SuppKey equals l1.SuppKey
            where l1.ReceiptDate > l1.CommitDate
            join o in tables.Orders on l1.OrderKey equals o.OrderKey
            where o.OrderStatus == 'F'
            join m in multiSupplierOrders on l1.OrderKey equals m
            join single in singleLateSupplierOrders on l1.OrderKey equals single
            group s by s.Name into g
            select new Q21Row(g.Key, g.Count()) into row
            orderby row.NumWait descending, row.Name
            select row)
            .Take(100);
    }
}
