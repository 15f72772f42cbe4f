using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Buffers;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Operators;

/// <summary>Typed stable sorting (and top-n) of a partition's rows, shared by SortExec and TopNExec.</summary>
internal static class SortRuntime
{
    /// <summary>The first n rows of a partition in sort order (a top-n's last cut on the driver).</summary>
    public static Func<PartitionData, object?[], PartitionData> Create(Type rowType, PlanContext plan, IReadOnlyList<SortKey> keys, Expression take) =>
        (Func<PartitionData, object?[], PartitionData>)typeof(SortRuntime)
            .GetMethod(nameof(Build), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(rowType)
            .Invoke(null, [plan, keys, take])!;

    private static Func<PartitionData, object?[], PartitionData> Build<T>(PlanContext plan, IReadOnlyList<SortKey> keys, Expression take)
    {
        var comparison = SortComparison.Compile<T>(keys, plan.Slots);
        var limit = SlotBinder.Compile<Func<int>>(Expression.Lambda(take), plan.Slots);
        return (data, parameters) =>
        {
            var compare = comparison(parameters);
            var n = Math.Clamp(limit(parameters)(), 0, data.Count);
            if (n < data.Count / 8)
            {
                return TopN((T[])data.Rows, data.Count, n, compare);
            }

            var rows = ((T[])data.Rows)[..data.Count];
            StableSort.Sort(rows, rows.Length, compare);
            return new PartitionData(rows, n);
        };
    }

    /// <summary>
    /// A partition's first n rows in sort order, read chunk by chunk: the rows are buffered, and whenever the buffer
    /// holds twice n (at least 256), it is sorted stably and cut to n. The buffer grows within the operator's
    /// reservation; n rows are its minimum (they are its output), so past that it fails naming the numbers.
    /// </summary>
    public static Func<IEnumerable<PartitionData>, object?[], Memory.MemoryReservation, PartitionData> CreateTopN(Type rowType, PlanContext plan, IReadOnlyList<SortKey> keys, Expression take) =>
        (Func<IEnumerable<PartitionData>, object?[], Memory.MemoryReservation, PartitionData>)typeof(SortRuntime)
            .GetMethod(nameof(BuildTopN), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(rowType)
            .Invoke(null, [plan, keys, take])!;

    private static Func<IEnumerable<PartitionData>, object?[], Memory.MemoryReservation, PartitionData> BuildTopN<T>(PlanContext plan, IReadOnlyList<SortKey> keys, Expression take)
    {
        var comparison = SortComparison.Compile<T>(keys, plan.Slots);
        var limit = SlotBinder.Compile<Func<int>>(Expression.Lambda(take), plan.Slots);
        var rowBytes = Memory.MemorySize.Of<T>();
        return (chunks, parameters, reservation) =>
        {
            var compare = comparison(parameters);
            var n = Math.Max(0, limit(parameters)());
            var full = (int)Math.Min(Array.MaxLength, Math.Max(2L * n, 256));
            var buffer = Array.Empty<T>();
            var count = 0;
            foreach (var chunk in chunks)
            {
                var rows = (T[])chunk.Rows;
                for (var at = 0; at < chunk.Count && n > 0;)
                {
                    if (count == buffer.Length)
                    {
                        // The buffer grows within the reservation, by doubling, up to twice n rows.
                        var grown = (int)Math.Min(full, Math.Max(256, buffer.Length * 2L));
                        reservation.GrowTo(grown * rowBytes);
                        Array.Resize(ref buffer, grown);
                    }

                    var take = Math.Min(chunk.Count - at, buffer.Length - count);
                    Array.Copy(rows, at, buffer, count, take);
                    (at, count) = (at + take, count + take);
                    if (count == full)
                    {
                        StableSort.Sort(buffer, count, compare);
                        Array.Clear(buffer, n, count - n);
                        count = n;
                    }
                }
            }

            StableSort.Sort(buffer, count, compare);
            return new PartitionData(buffer, Math.Min(n, count));
        };
    }

    /// <summary>The first n rows in sort order, keeping input order among equals, in one pass with a small sorted buffer.</summary>
    private static PartitionData TopN<T>(T[] rows, int count, int n, Comparison<T> compare)
    {
        var best = new T[n];
        var size = 0;
        for (var i = 0; i < count && n > 0; i++)
        {
            var row = rows[i];
            if (size == n && compare(row, best[n - 1]) >= 0)
            {
                continue;
            }

            // Insert after every equal element already kept (they came first), dropping the last if full.
            int low = 0, high = size;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (compare(best[mid], row) <= 0)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            var end = size == n ? n - 1 : size;
            Array.Copy(best, low, best, low + 1, end - low);
            best[low] = row;
            size = Math.Min(n, size + 1);
        }

        return new PartitionData(best, size);
    }
}
