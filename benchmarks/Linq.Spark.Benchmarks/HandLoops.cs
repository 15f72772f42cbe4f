using System.Runtime.Intrinsics;

namespace Linq.Spark.Benchmarks;

/// <summary>TPC-H queries written by hand over column arrays on all cores: the limit an engine is measured against.</summary>
public static class HandLoops
{
    /// <summary>Q6 with Vector512: date, discount and quantity predicates as masks, a masked sum of price * discount.</summary>
    public static double Q6(LineItemColumns c)
    {
        var start = new DateOnly(1994, 1, 1).DayNumber;
        var end = new DateOnly(1995, 1, 1).DayNumber;
        var partials = new double[Environment.ProcessorCount];
        Parallel.For(0, partials.Length, p =>
        {
            var (from, to) = Chunk(c.ShipDate.Length, p, partials.Length);
            var i = from;
            var acc = Vector512<double>.Zero;
            var lo = Vector256.Create(start);
            var hi = Vector256.Create(end);
            for (; i + 8 <= to; i += 8)
            {
                var date = Vector256.Create(c.ShipDate, i);
                var dateMask = Vector256.GreaterThanOrEqual(date, lo) & Vector256.LessThan(date, hi);
                var wide = Vector512.Create(Vector256.WidenLower(dateMask), Vector256.WidenUpper(dateMask)).AsDouble();
                var discount = Vector512.Create(c.Discount, i);
                var mask = wide
                    & Vector512.GreaterThanOrEqual(discount, Vector512.Create(0.05))
                    & Vector512.LessThanOrEqual(discount, Vector512.Create(0.07))
                    & Vector512.LessThan(Vector512.Create(c.Quantity, i), Vector512.Create(24.0));
                acc += Vector512.ConditionalSelect(mask, Vector512.Create(c.ExtendedPrice, i) * discount, Vector512<double>.Zero);
            }

            var sum = Vector512.Sum(acc);
            for (; i < to; i++)
            {
                if (c.ShipDate[i] >= start && c.ShipDate[i] < end && c.Discount[i] >= 0.05 && c.Discount[i] <= 0.07 && c.Quantity[i] < 24)
                {
                    sum += c.ExtendedPrice[i] * c.Discount[i];
                }
            }

            partials[p] = sum;
        });
        return partials.Sum();
    }

    /// <summary>Q1 as a scalar loop into direct arrays indexed by (return flag, line status); returns the total sum_charge.</summary>
    public static double Q1(LineItemColumns c)
    {
        var cutoff = new DateOnly(1998, 12, 1).AddDays(-90).DayNumber;
        var threads = Environment.ProcessorCount;
        var charges = new double[threads][];
        Parallel.For(0, threads, p =>
        {
            var (from, to) = Chunk(c.ShipDate.Length, p, threads);
            var charge = charges[p] = new double[128 * 128];
            var quantity = new double[128 * 128];
            var count = new long[128 * 128];
            for (var i = from; i < to; i++)
            {
                if (c.ShipDate[i] <= cutoff)
                {
                    var group = (c.ReturnFlag[i] * 128) + c.LineStatus[i];
                    charge[group] += c.ExtendedPrice[i] * (1 - c.Discount[i]) * (1 + c.Tax[i]);
                    quantity[group] += c.Quantity[i];
                    count[group]++;
                }
            }
        });
        return charges.Sum(a => a.Sum());
    }

    private static (int From, int To) Chunk(int length, int part, int parts) =>
        ((int)((long)length * part / parts), (int)((long)length * (part + 1) / parts));
}
