using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Linq.Spark.Benchmarks;

/// <summary>
/// Hand-written loops over plain arrays on all cores: the physical limit each engine is measured against.
/// Vector512 where the hardware accelerates it, with a scalar tail.
/// </summary>
public static class SimdLoops
{
    public static double FilterSum(long[] a, int[] d, double[] b, int d0)
    {
        var partials = new double[Environment.ProcessorCount];
        Parallel.For(0, partials.Length, p =>
        {
            var (start, end) = Chunk(a.Length, p, partials.Length);
            var sum = 0.0;
            var i = start;
            if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
            {
                var acc = Vector512<double>.Zero;
                var seven = Vector512.Create(7.0);
                var dMin = Vector256.Create(d0);
                for (; i + 8 <= end; i += 8)
                {
                    var av = Vector512.ConvertToDouble(Vector512.Create(a.AsSpan(i, 8)));
                    var remainder = av - (Vector512.Floor(av / seven) * seven);
                    var modMask = Vector512.Equals(remainder, Vector512<double>.Zero);
                    var dateMask = Avx512F.ConvertToVector512Int64(Vector256.GreaterThanOrEqual(Vector256.Create(d.AsSpan(i, 8)), dMin)).AsDouble();
                    acc += Vector512.ConditionalSelect(modMask & dateMask, Vector512.Create(b.AsSpan(i, 8)), Vector512<double>.Zero);
                }

                sum = Vector512.Sum(acc);
            }

            for (; i < end; i++)
            {
                if (a[i] % 7 == 0 && d[i] >= d0)
                {
                    sum += b[i];
                }
            }

            partials[p] = sum;
        });
        return partials.Sum();
    }

    public static int CountGreater(double[] b, double x)
    {
        var partials = new int[Environment.ProcessorCount];
        Parallel.For(0, partials.Length, p =>
        {
            var (start, end) = Chunk(b.Length, p, partials.Length);
            var count = 0;
            var i = start;
            if (Vector512.IsHardwareAccelerated)
            {
                var limit = Vector512.Create(x);
                for (; i + 8 <= end; i += 8)
                {
                    count += BitOperations.PopCount(Vector512.GreaterThan(Vector512.Create(b.AsSpan(i, 8)), limit).ExtractMostSignificantBits());
                }
            }

            for (; i < end; i++)
            {
                count += b[i] > x ? 1 : 0;
            }

            partials[p] = count;
        });
        return partials.Sum();
    }

    /// <summary>Sum and count per key into direct arrays per thread, merged; returns the number of groups.</summary>
    public static int GroupSumCount(int[] key, long[] a, int groups, bool modulo)
    {
        var threads = Environment.ProcessorCount;
        var sums = new long[threads][];
        var counts = new int[threads][];
        Parallel.For(0, threads, p =>
        {
            var (start, end) = Chunk(key.Length, p, threads);
            var s = sums[p] = new long[groups];
            var c = counts[p] = new int[groups];
            for (var i = start; i < end; i++)
            {
                var k = modulo ? key[i] % groups : key[i];
                s[k] += a[i];
                c[k]++;
            }
        });
        var result = 0;
        for (var k = 0; k < groups; k++)
        {
            var count = 0;
            for (var p = 1; p < threads; p++)
            {
                sums[0][k] += sums[p][k];
                count += counts[p][k];
            }

            result += counts[0][k] + count > 0 ? 1 : 0;
        }

        return result;
    }

    /// <summary>The sum of the n largest values: a bounded selection per thread, merged.</summary>
    public static double TopSum(double[] values, int n)
    {
        var threads = Environment.ProcessorCount;
        var best = new double[threads][];
        Parallel.For(0, threads, p =>
        {
            var (start, end) = Chunk(values.Length, p, threads);
            var top = new PriorityQueue<double, double>(n + 1);
            for (var i = start; i < end; i++)
            {
                if (top.Count < n)
                {
                    top.Enqueue(values[i], values[i]);
                }
                else if (values[i] > top.Peek())
                {
                    top.EnqueueDequeue(values[i], values[i]);
                }
            }

            best[p] = [.. top.UnorderedItems.Select(x => x.Element)];
        });
        return best.SelectMany(b => b).OrderByDescending(v => v).Take(n).Sum();
    }

    private static (int Start, int End) Chunk(int length, int part, int parts) =>
        ((int)((long)length * part / parts), (int)((long)length * (part + 1) / parts));
}
