namespace Linq.Spark;

/// <summary>One task attempt: which stage and partition it ran, on which executor slot (-1: the calling thread), and how it ended.</summary>
public sealed record TaskInfo(int JobId, int StageId, int PartitionId, int Attempt, int ExecutorSlot, TimeSpan Duration, Exception? Error)
{
    /// <summary>Rows a result task returned to the driver (0 for a map task, or an attempt that failed).</summary>
    public long ResultRows { get; init; }

    /// <summary>Rows a map task wrote to its shuffle (Spark's shuffle records written; 0 for a result task).</summary>
    public long ShuffleWriteRows { get; init; }

    /// <summary>Estimated bytes a map task wrote to its shuffle (Spark's shuffle bytes written; 0 for a result task).</summary>
    public long ShuffleWriteBytes { get; init; }

    /// <summary>Bytes the attempt wrote to disk because they did not fit in memory: shuffle blocks and operators' spill files (Spark's "Spill (disk)").</summary>
    public long SpilledBytes { get; init; }

    /// <summary>The most execution memory the attempt's operators held at once (Spark's "Peak Execution Memory").</summary>
    public long PeakExecutionMemory { get; init; }
}
