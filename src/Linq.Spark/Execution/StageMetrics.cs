namespace Linq.Spark.Execution;

/// <summary>One stage's cost in a counted query, for ExplainAnalyze.</summary>
internal sealed record StageMetrics(int JobId, int StageId, bool IsShuffleMap, int Tasks, TimeSpan TaskTimeTotal, TimeSpan TaskTimeMax, TimeSpan Wall, long ShuffleWriteRows, long ShuffleWriteBytes, long SpilledBytes, int FailedAttempts)
{
    /// <summary>The most execution memory any one task of the stage held at once.</summary>
    public long PeakExecutionMemory { get; init; }
}
