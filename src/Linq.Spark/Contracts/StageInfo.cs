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
    /// <summary>
    /// The bytes its successful tasks wrote to disk because they did not fit in <see cref="SparkOptions.ExecutorMemory"/>
    /// (Spark's "Spill (disk)"): shuffle blocks, and what sorts, aggregations, groups, distincts and set operations spilled.
    /// </summary>
    public long SpilledBytes { get; init; }

    /// <summary>The most execution memory (hash tables, sort buffers, groups) any one of its tasks held at once (Spark's "Peak Execution Memory").</summary>
    public long PeakExecutionMemory { get; init; }

    /// <summary>What each scan of the stage read (files, row groups, columns, rows, dropped malformed rows); empty for stages that read no source.</summary>
    public IReadOnlyList<ScanMetrics> Scans { get; init; } = [];

    /// <summary>
    /// The rows each of the stage's operators handed on, in the order of its <see cref="StagePlan.Operators"/> (Spark's
    /// "number of output rows"); null for a projection, which hands on every row it gets, and for an operator that did
    /// not run (beneath a cache hit). Empty unless the query counted its operators (<see cref="SparkOptions.OperatorMetrics"/>,
    /// or <c>ExplainAnalyze</c>), and for a stage that did not finish.
    /// </summary>
    public IReadOnlyList<long?> OperatorRows { get; init; } = [];
}
