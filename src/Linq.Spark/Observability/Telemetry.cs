using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Linq.Spark.Observability;

/// <summary>
/// The activity source and meter behind <see cref="SparkTelemetry"/>: spans for jobs, stages and task attempts, and the
/// instruments every task feeds. Starting a span never changes <see cref="Activity.Current"/> of the caller, since
/// stages and tasks overlap and run on other threads. A listener that throws never fails a job: the failure is traced,
/// and the span or measurement is dropped.
/// </summary>
internal static class Telemetry
{
    private static readonly ActivitySource Source = new(SparkTelemetry.Name, typeof(Telemetry).Assembly.GetName().Version?.ToString());
    private static readonly Meter Meter = new(SparkTelemetry.Name, typeof(Telemetry).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Tasks = Meter.CreateCounter<long>("linq_spark.tasks", "{task}", "Task attempts that ended, by kind and status.");
    private static readonly Counter<long> Rows = Meter.CreateCounter<long>("linq_spark.task.rows", "{row}", "Rows task attempts returned or wrote to a shuffle.");
    private static readonly Counter<long> ShuffleBytes = Meter.CreateCounter<long>("linq_spark.shuffle.write.bytes", "By", "Estimated bytes map tasks wrote to shuffles.");
    private static readonly Counter<long> SpillBytes = Meter.CreateCounter<long>("linq_spark.spill.bytes", "By", "Bytes of shuffle blocks map tasks wrote to disk because they did not fit in the executor memory.");
    private static readonly Counter<long> Jobs = Meter.CreateCounter<long>("linq_spark.jobs", "{job}", "Jobs that ended, by status.");
    private static readonly Histogram<double> TaskDuration = Meter.CreateHistogram<double>("linq_spark.task.duration", "s", "How long task attempts ran.");

    /// <summary>A job's span, a child of the current span; null when nobody listens.</summary>
    public static Activity? StartJob(int jobId, string description, int stages)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        return StartDetached("Linq.Spark job", Activity.Current?.Context ?? default, [
            new(SparkTelemetry.JobId, jobId),
            new(SparkTelemetry.JobDescription, description),
            new("linq_spark.job.stages", stages),
        ]);
    }

    /// <summary>A stage's span under its job's; null when the job has none.</summary>
    public static Activity? StartStage(Activity? job, int jobId, int stageId, bool shuffleMap, int tasks) =>
        job is null ? null : StartDetached("Linq.Spark stage", job.Context, [
            new(SparkTelemetry.JobId, jobId),
            new(SparkTelemetry.StageId, stageId),
            new(SparkTelemetry.StageKind, KindOf(shuffleMap)),
            new(SparkTelemetry.StageTasks, tasks),
        ]);

    /// <summary>A task attempt's span under its stage's; null when the stage has none.</summary>
    public static Activity? StartTask(Activity? stage, int jobId, int stageId, int partition, int attempt, int slot) =>
        stage is null ? null : StartDetached("Linq.Spark task", stage.Context, [
            new(SparkTelemetry.JobId, jobId),
            new(SparkTelemetry.StageId, stageId),
            new(SparkTelemetry.Partition, partition),
            new(SparkTelemetry.Attempt, attempt),
            new(SparkTelemetry.ExecutorSlot, slot),
        ]);

    /// <summary>Records a task attempt's end in the instruments and, if it has one, ends its span.</summary>
    public static void TaskEnded(Activity? span, bool shuffleMap, long rows, long shuffleBytes, long spilledBytes, TimeSpan duration, Exception? error)
    {
        var kind = new KeyValuePair<string, object?>(SparkTelemetry.StageKind, KindOf(shuffleMap));
        var status = new KeyValuePair<string, object?>(SparkTelemetry.Status, error is null ? "succeeded" : "failed");
        try
        {
            Tasks.Add(1, kind, status);
            TaskDuration.Record(duration.TotalSeconds, kind, status);
            if (error is null)
            {
                Rows.Add(rows, kind);
                if (shuffleMap)
                {
                    ShuffleBytes.Add(shuffleBytes);
                }

                if (spilledBytes > 0)
                {
                    SpillBytes.Add(spilledBytes);
                }
            }
        }
        catch (Exception e)
        {
            ListenerFailed(e);
        }

        if (span is not null)
        {
            span.SetTag(SparkTelemetry.Rows, rows);
            if (shuffleMap)
            {
                span.SetTag(SparkTelemetry.ShuffleWriteBytes, shuffleBytes);
            }

            if (spilledBytes > 0)
            {
                span.SetTag(SparkTelemetry.SpilledBytes, spilledBytes);
            }

            End(span, error);
        }
    }

    /// <summary>Ends a stage's span with what its tasks wrote to the shuffle.</summary>
    public static void StageEnded(Activity? span, long shuffleRows, long shuffleBytes, int failedAttempts, Exception? error)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(SparkTelemetry.Rows, shuffleRows);
        span.SetTag(SparkTelemetry.ShuffleWriteBytes, shuffleBytes);
        span.SetTag("linq_spark.stage.failed_attempts", failedAttempts);
        End(span, error);
    }

    /// <summary>Counts a job's end and ends its span.</summary>
    public static void JobEnded(Activity? span, Exception? error)
    {
        try
        {
            Jobs.Add(1, new KeyValuePair<string, object?>(SparkTelemetry.Status, error is null ? "succeeded" : "failed"));
        }
        catch (Exception e)
        {
            ListenerFailed(e);
        }

        if (span is not null)
        {
            End(span, error);
        }
    }

    private static void End(Activity span, Exception? error)
    {
        if (error is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, error.Message);
            span.AddException(error);
        }

        // Stopping makes the span's predecessor current again; the thread's current span stays what it is.
        var current = Activity.Current;
        try
        {
            span.Stop();
        }
        catch (Exception e)
        {
            ListenerFailed(e);
        }
        finally
        {
            Activity.Current = current;
        }
    }

    private static void ListenerFailed(Exception e) =>
        Trace.TraceWarning($"Linq.Spark: an OpenTelemetry listener threw: {e.Message}");

    private static string KindOf(bool shuffleMap) => shuffleMap ? "shuffle_map" : "result";

    /// <summary>Starts a span with an explicit parent and puts the caller's current span back.</summary>
    private static Activity? StartDetached(string name, ActivityContext parent, KeyValuePair<string, object?>[] tags)
    {
        var current = Activity.Current;
        try
        {
            return Source.StartActivity(name, ActivityKind.Internal, parent, tags);
        }
        catch (Exception e)
        {
            ListenerFailed(e);
            return null;
        }
        finally
        {
            Activity.Current = current;
        }
    }
}
