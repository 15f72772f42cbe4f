namespace Linq.Spark.Execution;

/// <summary>What a running task knows about itself: its job, stage, partition and attempt, and its job's run state.</summary>
internal sealed class TaskContext(JobRun job, int stageId, int partitionId, int attempt)
{
    public JobRun Job { get; } = job;

    public int StageId { get; } = stageId;

    public int PartitionId { get; } = partitionId;

    public int Attempt { get; } = attempt;

    /// <summary>Rows handed to the driver's own narrow steps after a driver-side final step.</summary>
    public Buffers.PartitionData DriverRows { get; init; }

    /// <summary>The job's parameter values, in plan slot order.</summary>
    public object?[] Parameters => Job.Parameters;

    /// <summary>Throws OperationCanceledException when the job was cancelled or another task failed; kernels call it per row.</summary>
    public void ThrowIfCancelled() => Job.Cancellation.ThrowIfCancellationRequested();
}
