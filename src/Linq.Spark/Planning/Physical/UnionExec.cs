using Linq.Spark.Execution;
using Linq.Spark.Buffers;

namespace Linq.Spark.Planning.Physical;

/// <summary>Concat without a shuffle: the left input's partitions, then the right's, each computed by its own pipeline.</summary>
internal sealed class UnionExec(PlanContext plan, ExecNode left, ExecNode right) : ExecNode(plan)
{
    public override Type ElementType => left.ElementType;

    public override IReadOnlyList<ExecNode> Children => [left, right];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new UnionExec(Plan, children[0], children[1]);

    public override Partitioning OutputPartitioning => new UnknownPartitioning(left.NumPartitions + right.NumPartitions);

    public override string Describe() => "Union";

    public override PartitionData Produce(TaskContext context, int partition) =>
        partition < left.NumPartitions ? left.Produce(context, partition) : right.Produce(context, partition - left.NumPartitions);
}
