using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Execution;
using Linq.Spark.Execution.Buffers;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// A join after both sides were hash-shuffled on their keys into the same number of partitions: each task builds a
/// lookup of one side's partition and streams the other through it, in LINQ's output order within the partition.
/// </summary>
internal sealed class ShuffledHashJoinExec(PlanContext plan, ExecNode left, ExecNode right, JoinNode logical) : ExecNode(plan)
{
    private readonly Lazy<IJoinRuntime> _runtime = new(() => JoinRuntimeFactory.Create(plan, logical));

    public JoinNode Logical { get; } = logical;

    public override Type ElementType => Logical.ElementType;

    public override IReadOnlyList<ExecNode> Children => [left, right];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new ShuffledHashJoinExec(Plan, children[0], children[1], Logical);

    public override Partitioning OutputPartitioning => new UnknownPartitioning(left.NumPartitions);

    public override IReadOnlyList<Distribution> RequiredChildDistribution =>
    [
        new ClusteredDistribution(Logical.LeftKey, Logical.Comparer, Plan.ShufflePartitions),
        new ClusteredDistribution(Logical.RightKey, Logical.Comparer, Plan.ShufflePartitions),
    ];

    public override bool OutputOrdered => false;

    public override string Describe() => $"ShuffledHashJoin {Logical.Kind} [{Logical.LeftKey.Body}] = [{Logical.RightKey.Body}]";

    public override PartitionData Produce(TaskContext context, int partition) =>
        _runtime.Value.Join(Children[0].Produce(context, partition), Children[1].Produce(context, partition), context.Parameters);
}
