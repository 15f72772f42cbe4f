using Linq.Spark.Execution;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>A hash join whose build side arrives as a broadcast: its lookup is built once per job and shared by every task.</summary>
internal sealed class BroadcastHashJoinExec(PlanContext plan, ExecNode stream, BroadcastExchangeExec build, JoinNode logical)
    : HashJoinExec(plan, stream, build, logical)
{
    /// <summary>The broadcast the lookup is built from.</summary>
    public BroadcastExchangeExec Exchange { get; } = build;

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) =>
        StreamsLeft
            ? new BroadcastHashJoinExec(Plan, children[0], (BroadcastExchangeExec)children[1], Logical)
            : new BroadcastHashJoinExec(Plan, children[1], (BroadcastExchangeExec)children[0], Logical);

    public override bool OutputOrdered => Input.OutputOrdered;

    public override string Describe() => $"BroadcastHashJoin {Logical.Kind} [{Logical.LeftKey.Body}] = [{Logical.RightKey.Body}]";

    public override object Lookup(TaskContext context) =>
        context.Job.BroadcastValue(this, rows => Runtime.Value.BuildLookup(rows, context.Parameters, leftSide: !StreamsLeft));
}
