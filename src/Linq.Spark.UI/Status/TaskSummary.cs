namespace Linq.Spark.UI.Status;

/// <summary>A task attempt as pages and the JSON API show it: a copy taken under the store's lock.</summary>
internal sealed record TaskSummary(
    int PartitionId,
    int Attempt,
    int ExecutorSlot,
    string Status,
    DateTimeOffset LaunchTime,
    TimeSpan Duration,
    long ResultRows,
    long ShuffleWriteRows,
    long ShuffleWriteBytes,
    string? Error)
{
    /// <summary>Bytes the attempt wrote to disk because they did not fit in memory (shuffle blocks and operators' spill files).</summary>
    public long SpilledBytes { get; init; }

    /// <summary>The most execution memory the attempt's operators held at once.</summary>
    public long PeakExecutionMemory { get; init; }
}
