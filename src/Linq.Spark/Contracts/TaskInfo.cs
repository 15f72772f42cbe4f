namespace Linq.Spark;

/// <summary>One task attempt: which stage and partition it ran, on which executor slot (-1: the calling thread), and how it ended.</summary>
public sealed record TaskInfo(int JobId, int StageId, int PartitionId, int Attempt, int ExecutorSlot, TimeSpan Duration, Exception? Error);
