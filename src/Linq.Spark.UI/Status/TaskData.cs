namespace Linq.Spark.UI.Status;

/// <summary>One task attempt as the UI tracks it; mutated only under the store's lock.</summary>
internal sealed class TaskData(int partitionId, int attempt, int executorSlot, DateTimeOffset launchTime)
{
    public int PartitionId { get; } = partitionId;

    public int Attempt { get; } = attempt;

    /// <summary>The slot that runs the attempt: the one its start reports, then the one its end reports.</summary>
    public int ExecutorSlot { get; set; } = executorSlot;

    public DateTimeOffset LaunchTime { get; } = launchTime;

    public TaskInfo? End { get; set; }

    public TaskSummary ToSummary(DateTimeOffset now) => new(
        PartitionId,
        Attempt,
        ExecutorSlot,
        End is null ? TaskAttemptStatus.Running : End.Error is null ? TaskAttemptStatus.Success : TaskAttemptStatus.Failed,
        LaunchTime,
        End?.Duration ?? now - LaunchTime,
        End?.ResultRows ?? 0,
        End?.ShuffleWriteRows ?? 0,
        End?.ShuffleWriteBytes ?? 0,
        End?.Error is { } error ? ErrorText.Of(error) : null)
    {
        SpilledBytes = End?.SpilledBytes ?? 0,
        PeakExecutionMemory = End?.PeakExecutionMemory ?? 0,
    };
}
