namespace Linq.Spark.UI.Status;

/// <summary>A stage as pages and the JSON API show it: its plan, its state and its measured numbers, copied under the store's lock.</summary>
internal sealed record StageSummary(
    int StageId,
    int JobId,
    IReadOnlyList<int> ParentIds,
    int NumTasks,
    bool IsShuffleMap,
    IReadOnlyList<string> Operators,
    bool IsVectorized,
    string? NotVectorizedReason,
    string Status,
    DateTimeOffset? SubmissionTime,
    TimeSpan? Duration,
    int ActiveTasks,
    int CompletedTasks,
    int FailedTaskAttempts,
    long ResultRows,
    long ShuffleReadRows,
    long ShuffleReadBytes,
    long ShuffleWriteRows,
    long ShuffleWriteBytes,
    IReadOnlyList<ScanMetrics> Scans)
{
    /// <summary>The stage's task attempts, oldest first; null where a listing leaves them out.</summary>
    public IReadOnlyList<TaskSummary>? Tasks { get; init; }

    /// <summary>The rows each operator handed on, aligned with <see cref="Operators"/>, once the stage finished (null: a projection, or did not run); empty before.</summary>
    public IReadOnlyList<long?> OperatorRows { get; init; } = [];

    /// <summary>Bytes the stage's tasks wrote to disk because they did not fit in the executor memory: shuffle blocks and operators' spill files (Spark's "Spill (disk)").</summary>
    public long SpilledBytes { get; init; }

    /// <summary>The most execution memory any one of the stage's tasks held at once (Spark's "Peak Execution Memory").</summary>
    public long PeakExecutionMemory { get; init; }

    /// <summary>Finished attempts dropped from <see cref="Tasks"/> to keep the history bounded.</summary>
    public int DroppedTasks { get; init; }
}
