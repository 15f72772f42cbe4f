namespace Linq.Spark.Execution;

/// <summary>What a running task knows about itself: its job, stage, partition and attempt, and its job's run state.</summary>
internal sealed class TaskContext(JobRun job, int stageId, int partitionId, int attempt)
{
    public JobRun Job { get; } = job;

    public int StageId { get; } = stageId;

    public int PartitionId { get; } = partitionId;

    public int Attempt { get; } = attempt;

    /// <summary>
    /// The partition the running kernel reads, which operators fused into it (a shuffled join's build side) read too.
    /// It differs from <see cref="PartitionId"/> under a union or a coalesce, whose task reads several.
    /// </summary>
    public int KernelPartition { get; set; }

    /// <summary>
    /// Whether a failing result task hands over the rows it produced before the failure (its partition's prefix),
    /// for a result that may not need the rest (see <see cref="Planning.Physical.ExecNode.RowsNeeded"/>).
    /// </summary>
    public bool KeepsPartialOutput { get; set; }

    /// <summary>Rows handed to the driver's own narrow steps after a driver-side final step.</summary>
    public Buffers.PartitionData DriverRows { get; init; }

    /// <summary>The job's parameter values, in plan slot order.</summary>
    public object?[] Parameters => Job.Parameters;

    /// <summary>Throws OperationCanceledException when the job was cancelled or another task failed.</summary>
    public void ThrowIfCancelled() => Job.Cancellation.ThrowIfCancellationRequested();

    /// <summary>The per-row cancellation check kernels inline: a field read, and a call only once cancelled.</summary>
    public static System.Linq.Expressions.Expression CheckExpression(System.Linq.Expressions.Expression context) =>
        System.Linq.Expressions.Expression.IfThen(
            System.Linq.Expressions.Expression.Field(System.Linq.Expressions.Expression.Property(context, nameof(Job)), nameof(JobRun.Cancelled)),
            System.Linq.Expressions.Expression.Call(context, typeof(TaskContext).GetMethod(nameof(ThrowIfCancelled))!));
}
