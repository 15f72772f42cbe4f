using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Buffers;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Operators;

/// <summary>Typed stable sorting (and top-n) of a partition's rows, shared by SortExec and TopNExec.</summary>
internal static class SortRuntime
{
    public static Func<PartitionData, object?[], PartitionData> Create(Type rowType, PlanContext plan, IReadOnlyList<SortKey> keys, Expression? take) =>
        (Func<PartitionData, object?[], PartitionData>)typeof(SortRuntime)
            .GetMethod(nameof(Build), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(rowType)
            .Invoke(null, [plan, keys, take])!;

    private static Func<PartitionData, object?[], PartitionData> Build<T>(PlanContext plan, IReadOnlyList<SortKey> keys, Expression? take)
    {
        var comparison = SortComparison.Compile<T>(keys, plan.Slots);
        var limit = take is null ? null : SlotBinder.Compile<Func<int>>(Expression.Lambda(take), plan.Slots);
        return (data, parameters) =>
        {
            var compare = comparison(parameters);
            var n = limit is null ? data.Count : Math.Clamp(limit(parameters)(), 0, data.Count);
            if (n < data.Count / 8)
            {
                return TopN((T[])data.Rows, data.Count, n, compare);
            }

            var rows = ((T[])data.Rows)[..data.Count];
            StableSort.Sort(rows, rows.Length, compare);
            return new PartitionData(rows, n);
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
