using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// A hash join after both sides were hash-shuffled on their keys into the same number of partitions: each task builds
/// a lookup over its partition of the build side, and the streamed side's partition probes it in the stage's kernel,
/// in LINQ's output order within the partition.
/// </summary>
internal sealed class ShuffledHashJoinExec(PlanContext plan, ExecNode stream, ExecNode build, JoinSpec join, int id = -1)
    : HashJoinExec(plan, stream, build, join, id)
{
    /// <summary>A shuffled join of two planned sides, streaming the one LINQ streams.</summary>
    public static ShuffledHashJoinExec Of(PlanContext plan, ExecNode left, ExecNode right, JoinSpec join) =>
        join.Kind == JoinKind.Right ? new(plan, right, left, join) : new(plan, left, right, join);

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children)
    {
        var (stream, build) = Sides(children);
        return new ShuffledHashJoinExec(Plan, stream, build, Join, Id);
    }

    public override IReadOnlyList<Distribution> RequiredChildDistribution =>
    [
        new ClusteredDistribution(Join.LeftKey, Join.Comparer, Plan.ShufflePartitions),
        new ClusteredDistribution(Join.RightKey, Join.Comparer, Plan.ShufflePartitions),
    ];

    public override bool OutputOrdered => false;

    public override bool BuildsFromColumns => Build.OutputColumns != ColumnLayout.None;

    public override string Describe() => $"ShuffledHashJoin {Join.Kind} {Keys}";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitShuffledHashJoin(this);
}
