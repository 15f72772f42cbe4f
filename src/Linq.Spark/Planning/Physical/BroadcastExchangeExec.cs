namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Collects its child's rows once, in a job of their own before the main job, and hands them whole to every task
/// of the joining stage (Spark's BroadcastExchangeExec): the other side is never shuffled.
/// </summary>
internal sealed class BroadcastExchangeExec(PlanContext plan, ExecNode child, int id = -1) : ExecNode(plan, id)
{
    public ExecNode Child { get; } = child;

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new BroadcastExchangeExec(Plan, children[0], Id);

    public override Partitioning OutputPartitioning => new SinglePartitioning();

    public override StageBoundary Boundary => StageBoundary.Broadcast;

    public override string Describe() => "BroadcastExchange";

    public override string DescribeAsStageInput() => "BroadcastRead";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitBroadcastExchange(this);
}
