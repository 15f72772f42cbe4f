namespace Linq.Spark.Tpch;

public static partial class TpchQueries
{
    /// <summary>Q6, forecasting revenue change: the revenue that removing small discounts in 1994 would have added.</summary>
    /// <remarks>
    /// The global aggregate is a group by a constant, so it decomposes into partial and final aggregation like any
    /// other; the discount range 0.06 ± 0.01 is written as its bounds, because 0.06 + 0.01 is below 0.07 in binary.
    /// </remarks>
    public static IQueryable<Q06Row> Q6(TpchTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var start = new DateOnly(1994, 1, 1);
        var end = start.AddYears(1);
        return
            from l in tables.LineItem
            where l.ShipDate >= start && l.ShipDate < end
                && l.Discount >= 0.05 && l.Discount <= 0.07
                && l.Quantity < 24
            group l by 1 into g
            select new Q06Row(g.Sum(x => x.ExtendedPrice * x.Discount));
    }
}
