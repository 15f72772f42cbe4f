namespace Linq.Spark;

/// <summary>A task attempt as it starts: which job, stage, partition and attempt, the executor slot it runs on (-1: the calling thread), and when.</summary>
public sealed record TaskStartInfo(int JobId, int StageId, int PartitionId, int Attempt, int ExecutorSlot, DateTimeOffset LaunchTime);
