using Linq.Spark.Execution;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// A hash join after both sides were hash-shuffled on their keys into the same number of partitions: each task builds
/// a lookup over its partition of the build side, and the streamed side's partition, read as columns, probes it in
/// the stage's kernel, in LINQ's output order within the partition.
/// </summary>
internal sealed class ShuffledHashJoinExec(PlanContext plan, ExecNode stream, ExecNode build, JoinNode logical)
    : HashJoinExec(plan, stream, build, logical)
{
    /// <summary>A shuffled join of two planned sides, streaming the one LINQ streams.</summary>
    public static ShuffledHashJoinExec Of(PlanContext plan, ExecNode left, ExecNode right, JoinNode logical) =>
        logical.Kind == JoinKind.Right ? new(plan, right, left, logical) : new(plan, left, right, logical);

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => Of(Plan, children[0], children[1], Logical);

    public override IReadOnlyList<Distribution> RequiredChildDistribution =>
    [
        new ClusteredDistribution(Logical.LeftKey, Logical.Comparer, Plan.ShufflePartitions),
        new ClusteredDistribution(Logical.RightKey, Logical.Comparer, Plan.ShufflePartitions),
    ];

    public override bool OutputOrdered => false;

    public override string Describe() => $"ShuffledHashJoin {Logical.Kind} [{Logical.LeftKey.Body}] = [{Logical.RightKey.Body}]";

    public override object Lookup(TaskContext context) =>
        Runtime.Value.BuildLookup(Build.Produce(context, context.KernelPartition), context.Parameters, leftSide: !StreamsLeft);
}
