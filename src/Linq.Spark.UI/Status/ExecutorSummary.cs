namespace Linq.Spark.UI.Status;

/// <summary>One executor slot (or the calling thread, slot -1) and the tasks it ran since the UI started.</summary>
internal sealed record ExecutorSummary(
    int Slot,
    int ActiveTasks,
    int CompletedTasks,
    int FailedTasks,
    TimeSpan TotalTaskTime,
    long ResultRows,
    long ShuffleWriteRows,
    long ShuffleWriteBytes);
