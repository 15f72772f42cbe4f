using Linq.Spark.Buffers;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Operators;

/// <summary>Sorts each partition stably, unless it comes from a range shuffle on the same keys, whose reducers merge sorted runs.</summary>
internal sealed class SortProducer(SortExec node, PlanRuntime runtime) : IPartitionProducer
{
    private readonly Lazy<Func<PartitionData, object?[], PartitionData>> _sort = new(() => SortRuntime.Create(node.ElementType, node.Plan, node.Keys, take: null));

    public PartitionData Produce(TaskContext context, int partition)
    {
        var rows = runtime.Produce(node.Child, context, partition);
        return node.InputIsSorted ? rows : _sort.Value(rows, context.Parameters);
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

    public PartitionData Produce(TaskContext context, int partition) =>
        _fromColumns.Value is { } fromColumns
            ? fromColumns(context, partition)
            : _top.Value(runtime.Produce(node.Child, context, partition), context.Parameters);

    public PartitionData Finish(IReadOnlyList<PartitionData> partials, TaskContext driver) =>
        _top.Value(PartitionConcat.Concat(node.ElementType, partials), driver.Parameters);
}
