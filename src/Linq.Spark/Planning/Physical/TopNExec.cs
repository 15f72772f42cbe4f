using System.Linq.Expressions;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// OrderBy + Take(n) (Spark's TakeOrderedAndProject): each partition keeps its first n rows in order, and the
/// partials are merged and cut to n again, on the driver when this is the query's last operator.
/// </summary>
internal sealed class TopNExec(PlanContext plan, ExecNode child, AggregateMode mode, IReadOnlyList<SortKey> keys, Expression take) : ExecNode(plan), IDriverFinal
{
    private readonly Lazy<Func<PartitionData, object?[], PartitionData>> _top = new(() => SortRuntime.Create(child.ElementType, plan, keys, take));
    private readonly Lazy<Func<TaskContext, int, PartitionData>?> _fromColumns = new(() =>
        mode == AggregateMode.Partial && child is ScanExec scan ? ColumnTopN.TryCreate(scan, keys, take, plan) : null);

    public ExecNode Child { get; } = child;

    public AggregateMode Mode { get; } = mode;

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new TopNExec(Plan, children[0], Mode, keys, take);

    public override IReadOnlyList<Distribution> RequiredChildDistribution =>
        Mode == AggregateMode.Final ? [Distribution.AllTuples] : [Distribution.Unspecified];

    public override bool OutputOrdered => Mode == AggregateMode.Final;

    ExecNode IDriverFinal.Input => Child;

    ExecNode IDriverFinal.WithInput(ExecNode input) => WithChildren([input]);

    public override string Describe() => $"{(Mode == AggregateMode.Partial ? "Partial" : "")}TopN(limit={take}, order=[{string.Join(", ", keys)}])";

    public override PartitionData Produce(TaskContext context, int partition) =>
        _fromColumns.Value is { } fromColumns
            ? fromColumns(context, partition)
            : _top.Value(Child.Produce(context, partition), context.Parameters);

    public PartitionData Finish(IReadOnlyList<PartitionData> partials, TaskContext driver) =>
        _top.Value(PartitionConcat.Concat(ElementType, partials), driver.Parameters);
}
