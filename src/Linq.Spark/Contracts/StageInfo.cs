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
    TimeSpan Duration);
