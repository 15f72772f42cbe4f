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
    /// <summary>Bytes of the attempt's shuffle blocks written to disk because they did not fit in memory.</summary>
    public long SpilledBytes { get; init; }
}
