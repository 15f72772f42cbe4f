namespace Linq.Spark.Execution.Scheduling;

/// <summary>A task attempt's end, as reported by an executor thread to the driver.</summary>
internal sealed record TaskEvent(StageRun Stage, int Partition, int Attempt, int Slot, object? Result, Exception? Error, TimeSpan Duration)
{
    /// <summary>The bytes the attempt wrote to disk: shuffle blocks that did not fit in memory, and operators' spill files.</summary>
    public long SpilledBytes { get; init; }

    /// <summary>The most execution memory the attempt's operators held at once.</summary>
    public long PeakExecutionMemory { get; init; }
}
