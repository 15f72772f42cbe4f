namespace Linq.Spark;

/// <summary>How a session's executor memory is used at one moment (Spark's storage and execution memory of an executor).</summary>
/// <param name="ExecutorMemoryBytes">The executor memory (<see cref="SparkOptions.ExecutorMemory"/>, or the default share when 0).</param>
/// <param name="StorageUsedBytes">The bytes blocks held in memory take now: shuffle blocks and persisted partitions (at most half the executor memory).</param>
/// <param name="ExecutionUsedBytes">The bytes running tasks' operators hold now (hash tables, sort buffers, groups).</param>
/// <param name="TasksHoldingMemory">How many running tasks hold execution memory (each may hold up to an equal share).</param>
public sealed record ExecutorMemoryStatus(long ExecutorMemoryBytes, long StorageUsedBytes, long ExecutionUsedBytes, int TasksHoldingMemory);
