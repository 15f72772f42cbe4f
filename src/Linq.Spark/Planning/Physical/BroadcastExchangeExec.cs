using Linq.Spark.Execution;
using Linq.Spark.Buffers;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Collects its child's rows once, in a job of their own before the main job, and hands them whole to every task
/// of the joining stage (Spark's BroadcastExchangeExec): the other side is never shuffled.
/// </summary>
internal sealed class BroadcastExchangeExec(PlanContext plan, ExecNode child) : ExecNode(plan)
{
    public ExecNode Child { get; } = child;

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new BroadcastExchangeExec(Plan, children[0]);

    public override Partitioning OutputPartitioning => new SinglePartitioning();

    public override string Describe() => "BroadcastExchange";

    /// <summary>All rows of the broadcast side, as collected by the job that ran before the main job.</summary>
    public override PartitionData Produce(TaskContext context, int partition) => context.Job.BroadcastRows(this);
}
