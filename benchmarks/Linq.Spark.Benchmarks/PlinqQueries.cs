using Linq.Spark.Tpch;

namespace Linq.Spark.Benchmarks;

/// <summary>Q1, Q3 and Q6 in PLINQ over the generated arrays, shaped as the LINQ versions are.</summary>
public static class PlinqQueries
{
    public static List<Q01Row> Q1(TpchData data)
    {
        var shippedBy = new DateOnly(1998, 12, 1).AddDays(-90);
        return data.LineItem.AsParallel()
            .Where(l => l.ShipDate <= shippedBy)
            .GroupBy(l => new { l.ReturnFlag, l.LineStatus })
            .Select(g => new Q01Row(
                g.Key.ReturnFlag,
                g.Key.LineStatus,
                g.Sum(x => x.Quantity),
                g.Sum(x => x.ExtendedPrice),
                g.Sum(x => x.ExtendedPrice * (1 - x.Discount)),
                g.Sum(x => x.ExtendedPrice * (1 - x.Discount) * (1 + x.Tax)),
                g.Average(x => x.Quantity),
                g.Average(x => x.ExtendedPrice),
                g.Average(x => x.Discount),
                g.Count()))
            .OrderBy(r => r.ReturnFlag).ThenBy(r => r.LineStatus)
            .ToList();
    }

    public static double Q3(TpchData data)
    {
        var date = new DateOnly(1995, 3, 15);
        var customers = data.Customer.AsParallel().Where(c => c.MktSegment == "BUILDING").Select(c => c.CustKey);
        var orders = data.Orders.AsParallel().Where(o => o.OrderDate < date)
            .Join(customers, o => o.CustKey, c => c, (o, c) => new { o.OrderKey, o.OrderDate, o.ShipPriority });
        return data.LineItem.AsParallel().Where(l => l.ShipDate > date)
            .Join(orders, l => l.OrderKey, o => o.OrderKey, (l, o) => new { l, o })
            .GroupBy(x => new { x.l.OrderKey, x.o.OrderDate, x.o.ShipPriority }, x => x.l.ExtendedPrice * (1 - x.l.Discount))
            .Select(g => new { g.Key.OrderKey, Revenue = g.Sum(), g.Key.OrderDate })
            .OrderByDescending(r => r.Revenue).ThenBy(r => r.OrderDate)
            .Take(10)
            .Sum(r => r.Revenue);
    }

    public static double Q6(TpchData data)
    {
        var start = new DateOnly(1994, 1, 1);
        var end = start.AddYears(1);
        return data.LineItem.AsParallel()
            .Where(l => l.ShipDate >= start && l.ShipDate < end && l.Discount >= 0.05 && l.Discount <= 0.07 && l.Quantity < 24)
            .Sum(l => l.ExtendedPrice * l.Discount);
    }
}
