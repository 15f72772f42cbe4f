namespace Linq.Spark.Execution.Scheduling;

/// <summary>A task attempt's end, as reported by an executor thread to the driver.</summary>
internal sealed record TaskEvent(StageRun Stage, int Partition, int Attempt, int Slot, object? Result, Exception? Error, TimeSpan Duration);
