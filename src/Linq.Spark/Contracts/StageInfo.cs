namespace Linq.Spark;

/// <summary>What one stage of a job did: its tasks, its shuffle output and its failed attempts.</summary>
public sealed record StageInfo(
    int StageId,
    IReadOnlyList<int> ParentIds,
    int NumTasks,
    bool IsShuffleMap,
    long ShuffleWriteRows,
    long ShuffleWriteBytes,
    int FailedTaskAttempts,
    TimeSpan Duration)
{
    /// <summary>What each scan of the stage read (files, row groups, columns, rows, dropped malformed rows); empty for stages that read no source.</summary>
    public IReadOnlyList<ScanMetrics> Scans { get; init; } = [];
}
