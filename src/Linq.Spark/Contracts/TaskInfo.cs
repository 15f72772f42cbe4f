namespace Linq.Spark;

/// <summary>One task attempt: which stage and partition it ran, on which executor slot, and how it ended.</summary>
public sealed record TaskInfo(int JobId, int StageId, int PartitionId, int Attempt, int ExecutorSlot, TimeSpan Duration, Exception? Error);
