using Linq.Spark.Compilation;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>Stable sort of each partition, so that concatenated partitions are in total order (after a range shuffle on the same keys, the shuffle's merge has sorted it).</summary>
internal sealed class SortExec(PlanContext plan, ExecNode child, IReadOnlyList<SortKey> keys) : ExecNode(plan)
{
    private readonly Lazy<Func<PartitionData, object?[], PartitionData>> _sort = new(() => SortRuntime.Create(child.ElementType, plan, keys, take: null));

    public ExecNode Child { get; } = child;

    public IReadOnlyList<SortKey> Keys { get; } = keys;

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new SortExec(Plan, children[0], Keys);

    public override IReadOnlyList<Distribution> RequiredChildDistribution => [new OrderedDistribution(Keys)];

    public override bool OutputOrdered => true;

    public override string Describe() => $"Sort [{string.Join(", ", Keys)}]";

    /// <summary>Sorts the partition, unless it comes from a range shuffle on these keys, whose reducers merge sorted runs.</summary>
    public override PartitionData Produce(TaskContext context, int partition) =>
        Child is ShuffleExchangeExec { Partitioning: RangePartitioning range } && ReferenceEquals(range.Keys, Keys)
            ? Child.Produce(context, partition)
            : _sort.Value(Child.Produce(context, partition), context.Parameters);
}
