namespace Linq.Spark.Planning.Physical;

/// <summary>A hash join whose build side arrives as a broadcast: its lookup is built once per job and shared by every task.</summary>
internal sealed class BroadcastHashJoinExec(PlanContext plan, ExecNode stream, BroadcastExchangeExec build, JoinSpec join, int id = -1)
    : HashJoinExec(plan, stream, build, join, id)
{
    /// <summary>The broadcast the lookup is built from.</summary>
    public BroadcastExchangeExec Exchange { get; } = build;

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children)
    {
        var (stream, build) = Sides(children);
        return new BroadcastHashJoinExec(Plan, stream, (BroadcastExchangeExec)build, Join, Id);
    }

    /// <summary>Rows come in the streamed side's order, which is LINQ's unless an inner join streams its right side.</summary>
    public override bool OutputOrdered => !Join.BuildsLeft && Input.OutputOrdered;

    public override string Describe() => $"BroadcastHashJoin {Join.Kind}{(Join.BuildsLeft ? " (build left)" : "")} {Keys}";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitBroadcastHashJoin(this);
}
