using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Execution.Buffers;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

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
            var rows = ((T[])data.Rows)[..data.Count];
            StableSort.Sort(rows, rows.Length, comparison(parameters));
            var count = limit is null ? rows.Length : Math.Clamp(limit(parameters)(), 0, rows.Length);
            return new PartitionData(rows, count);
        };
    }
}
