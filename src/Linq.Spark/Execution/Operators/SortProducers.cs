using Linq.Spark.Buffers;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Operators;

/// <summary>
/// Sorts each partition stably, spilling sorted runs when refused memory (<see cref="ExternalSort"/>), unless it comes
/// from a range shuffle on the same keys, whose reducers merge sorted runs.
/// </summary>
internal static class SortProducer
{
    public static IPartitionProducer Create(SortExec node, PlanRuntime runtime) =>
        (IPartitionProducer)Activator.CreateInstance(typeof(Typed<>).MakeGenericType(node.ElementType), node, runtime)!;

    private sealed class Typed<T>(SortExec node, PlanRuntime runtime) : IPartitionProducer
    {
        private readonly Lazy<Func<object?[], Comparison<T>>> _comparison = new(() => Compilation.SortComparison.Compile<T>(node.Keys, node.Plan.Slots));

        public PartitionData Produce(TaskContext context, int partition) =>
            node.InputIsSorted
                ? runtime.Produce(node.Child, context, partition)
                : ExternalSort.Sort(runtime.Chunks(node.Child, context, partition), _comparison.Value(context.Parameters), context, context.Reserve(node), node.Plan.Options.BatchSize);
    }
}

/// <summary>Keeps each partition's first n rows in order (reading only the key columns of a scan); the final half cuts the merged partials to n.</summary>
internal sealed class TopNProducer(TopNExec node, PlanRuntime runtime) : IPartitionProducer, IDriverFinisher
{
    private readonly Lazy<Func<PartitionData, object?[], PartitionData>> _top = new(() => SortRuntime.Create(node.ElementType, node.Plan, node.Keys, node.Take));
    private readonly Lazy<Func<TaskContext, int, PartitionData>?> _fromColumns = new(() =>
        node.Mode == AggregateMode.Partial && node.Child.OutputColumns == ColumnLayout.Stored
            ? ColumnTopN.TryCreate(node.Child, runtime, node.Keys, node.Take, node.Plan)
            : null);

    private readonly Lazy<Func<IEnumerable<PartitionData>, object?[], Memory.MemoryReservation, PartitionData>> _streamed = new(() => SortRuntime.CreateTopN(node.ElementType, node.Plan, node.Keys, node.Take));

    public PartitionData Produce(TaskContext context, int partition)
    {
        if (_fromColumns.Value is { } fromColumns)
        {
            // A bounded sorted buffer of n keys over the scan's columns: its n rows are counted, not refused.
            var top = fromColumns(context, partition);
            context.Reserve(node).Hold(top.Count * RowBytes);
            return top;
        }

        return _streamed.Value(runtime.Chunks(node.Child, context, partition), context.Parameters, context.Reserve(node));
    }

    private long RowBytes { get; } = Memory.MemorySize.Of(node.ElementType);

    public PartitionData Finish(IReadOnlyList<PartitionData> partials, TaskContext driver) =>
        _top.Value(PartitionConcat.Concat(node.ElementType, partials), driver.Parameters);
}
