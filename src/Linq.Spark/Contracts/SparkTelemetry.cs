namespace Linq.Spark;

/// <summary>
/// The names under which Linq.Spark reports to OpenTelemetry: spans of jobs, stages and tasks from an
/// <see cref="System.Diagnostics.ActivitySource"/>, and counters and a task-duration histogram from a
/// <see cref="System.Diagnostics.Metrics.Meter"/>, both named <see cref="Name"/>.
/// </summary>
/// <remarks>
/// Subscribe with <c>AddSource(SparkTelemetry.Name)</c> and <c>AddMeter(SparkTelemetry.Name)</c>. A job's span is a child
/// of the span current where the action ran; its stages' spans are children of it, and each task attempt's span a child
/// of its stage's. Nothing is recorded while no listener subscribes.
/// </remarks>
public static class SparkTelemetry
{
    /// <summary>The name of the activity source and of the meter: "Linq.Spark".</summary>
    public const string Name = "Linq.Spark";

    /// <summary>Span attribute and metric tag: the job's number in its session.</summary>
    public const string JobId = "linq_spark.job.id";

    /// <summary>Span attribute: what the job computes (the action, or "broadcast").</summary>
    public const string JobDescription = "linq_spark.job.description";

    /// <summary>Span attribute: the stage's number in its session.</summary>
    public const string StageId = "linq_spark.stage.id";

    /// <summary>Span attribute and metric tag: "shuffle_map" for a stage (or task) that writes a shuffle, "result" for one that returns rows.</summary>
    public const string StageKind = "linq_spark.stage.kind";

    /// <summary>Span attribute: how many tasks the stage runs.</summary>
    public const string StageTasks = "linq_spark.stage.tasks";

    /// <summary>Span attribute: the partition a task computes.</summary>
    public const string Partition = "linq_spark.task.partition";

    /// <summary>Span attribute: the task's attempt number, from 1.</summary>
    public const string Attempt = "linq_spark.task.attempt";

    /// <summary>Span attribute: the executor slot a task ran on (-1: the calling thread).</summary>
    public const string ExecutorSlot = "linq_spark.task.executor_slot";

    /// <summary>Span attribute: rows a task returned, or a stage's tasks wrote to the shuffle.</summary>
    public const string Rows = "linq_spark.rows";

    /// <summary>Span attribute: estimated bytes a task or stage wrote to the shuffle.</summary>
    public const string ShuffleWriteBytes = "linq_spark.shuffle.write.bytes";

    /// <summary>Bytes of a task's shuffle blocks written to disk because they did not fit in memory.</summary>
    public const string SpilledBytes = "linq_spark.spill.bytes";

    /// <summary>Metric tag: "succeeded" or "failed".</summary>
    public const string Status = "linq_spark.status";
}
