using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Linq.Spark.Columnar;

namespace Linq.Spark.Buffers;

/// <summary>
/// The top-n of one key column read as it is stored: once n keys are kept, a SIMD compare of a vector of keys with the
/// last kept key skips every vector in which no key beats it, and only the lanes that do are offered one by one.
/// </summary>
/// <remarks>
/// The order is <see cref="Comparer{T}.Default"/>'s: NaN comes first, so in ascending order a NaN lane always goes to
/// the exact compare, and while the last kept key is NaN every lane does. A key equal to the last kept one came
/// later and loses, as a stable sort keeps the earlier row.
/// </remarks>
internal static class TopNScan
{
    /// <summary>Offers column <paramref name="column"/> of every batch, in order, to <paramref name="best"/>; row positions count from 0 across the batches.</summary>
    public static void Run<TKey>(BoundedTopN<(TKey Key, int Row)> best, IReadOnlyList<ColumnBatch> batches, int column, bool descending, CancellationToken cancellation)
        where TKey : unmanaged, IComparable<TKey>
    {
        var start = 0;
        foreach (var batch in batches)
        {
            cancellation.ThrowIfCancellationRequested();
            var keys = (TKey[])batch.Columns[column]!;
            var i = 0;
            if (Vector256.IsHardwareAccelerated && Vector256<TKey>.IsSupported)
            {
                i = ScanVectors(best, keys, batch.Count, start, descending);
            }

            for (; i < batch.Count; i++)
            {
                Offer(best, keys[i], start + i, descending);
            }

            start += batch.Count;
        }
    }

    /// <summary>As <see cref="Run{TKey}"/>, for a caller that knows the key type only at run time.</summary>
    public static void RunUntyped<TKey>(object best, IReadOnlyList<ColumnBatch> batches, int column, bool descending, CancellationToken cancellation)
        where TKey : unmanaged, IComparable<TKey> =>
        Run((BoundedTopN<(TKey Key, int Row)>)best, batches, column, descending, cancellation);

    /// <summary>Offers whole vectors of keys; returns where the scalar tail starts.</summary>
    private static int ScanVectors<TKey>(BoundedTopN<(TKey Key, int Row)> best, TKey[] keys, int count, int start, bool descending)
        where TKey : unmanaged, IComparable<TKey>
    {
        var width = Vector256<TKey>.Count;
        var i = 0;
        while (i < count && best.HasRoom)
        {
            best.Add((keys[i], start + i));
            i++;
        }

        if (!best.IsFull || i + width > count)
        {
            return i;
        }

        ref var first = ref keys[0];
        for (; i + width <= count; i += width)
        {
            var bound = Vector256.Create(best.Last.Key);
            var values = Vector256.LoadUnsafe(ref first, (nuint)i);
            // Lanes that may beat the bound; NaN lanes (and a NaN bound) are left to the exact compare.
            var unordered = ~Vector256.Equals(values, values) | ~Vector256.Equals(bound, bound);
            var beats = (descending ? Vector256.GreaterThan(values, bound) : Vector256.LessThan(values, bound)) | unordered;
            var lanes = beats.ExtractMostSignificantBits();
            while (lanes != 0)
            {
                var lane = BitOperations.TrailingZeroCount(lanes);
                Offer(best, keys[i + lane], start + i + lane, descending);
                lanes &= lanes - 1;
            }
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Offer<TKey>(BoundedTopN<(TKey Key, int Row)> best, TKey key, int row, bool descending)
        where TKey : unmanaged, IComparable<TKey>
    {
        if (best.HasRoom)
        {
            best.Add((key, row));
            return;
        }

        if (best.IsFull)
        {
            var order = key.CompareTo(best.Last.Key);
            if (descending ? order > 0 : order < 0)
            {
                best.Add((key, row));
            }
        }
    }
}
