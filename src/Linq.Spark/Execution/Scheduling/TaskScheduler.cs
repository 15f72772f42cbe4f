using System.Diagnostics;
using System.Globalization;
using Linq.Spark.Buffers;
using Linq.Spark.Observability;
using Linq.Spark.Execution.Shuffle;
using Linq.Spark.Planning.Stages;

namespace Linq.Spark.Execution.Scheduling;

/// <summary>
/// Hands a stage's tasks to executor slots and reports each attempt's end on the job's event channel: a
/// ShuffleMapTask writes its map output, a ResultTask returns its partition's rows. A job that runs on the calling
/// thread (<see cref="JobRun.RunsOnCaller"/>) has its tasks run by its driver loop instead, as slot -1; a session on a
/// cluster sends them to its executors (<see cref="IClusterBackend"/>).
/// </summary>
/// <param name="executor">The executor threads.</param>
/// <param name="listeners">Where task starts and ends are reported.</param>
/// <param name="maxTaskFailures">The attempts a task gets (<see cref="SparkOptions.MaxTaskFailures"/>).</param>
/// <param name="cluster">The cluster whose executors run the tasks, or null for this process's threads.</param>
internal sealed class TaskScheduler(Executor executor, ListenerBus listeners, int maxTaskFailures, IClusterBackend? cluster = null)
{
    /// <summary>Where the tasks of <paramref name="job"/> run and report their ends.</summary>
    public TaskEvents EventsFor(JobRun job) =>
        job.RunsOnCaller ? TaskEvents.OnCaller() : cluster is not null ? TaskEvents.Reported() : TaskEvents.OnExecutor(executor);

    /// <param name="job">The running job.</param>
    /// <param name="stage">The task's stage.</param>
    /// <param name="partition">The partition the task computes.</param>
    /// <param name="attempt">The attempt number, from 1.</param>
    /// <param name="lastOnly">Whether a result task sends only its partition's last row (Last()).</param>
    /// <param name="keepPartialOutput">Whether a failing result task reports the rows it produced before failing.</param>
    /// <param name="events">Where the task's end is reported.</param>
    public void Launch(JobRun job, StageRun stage, int partition, int attempt, bool lastOnly, bool keepPartialOutput, TaskEvents events)
    {
        if (cluster is not null)
        {
            _ = LaunchRemoteAsync(job, stage, partition, attempt, lastOnly, keepPartialOutput, events);
            return;
        }

        events.Launch(slot =>
        {
            var started = Stopwatch.GetTimestamp();
            listeners.TaskStart(job.JobId, stage.StageId, partition, attempt, slot);
            var span = Telemetry.StartTask(stage.Span, job.JobId, stage.StageId, partition, attempt, slot);
            var ended = Run(job, stage.Stage, stage.StageId, partition, attempt, lastOnly, keepPartialOutput, maxTaskFailures, span);
            Report(job, stage, partition, attempt, slot, ended with { Elapsed = Stopwatch.GetElapsedTime(started) }, span, events);
        });
    }

    /// <summary>
    /// Runs one attempt of a task on the current thread, as an executor does: the map side of a shuffle map stage's
    /// exchange or a result stage's partition, under the job's culture, with its memory given back however it ends.
    /// </summary>
    public static TaskOutcome Run(JobRun job, Stage stage, int stageId, int partition, int attempt, bool lastOnly, bool keepPartialOutput, int maxTaskFailures, Activity? span)
    {
        // String comparisons, ToUpper and number formatting inside the query follow the caller's culture.
        // (Setting them costs an execution-context change, so a task on the calling thread leaves them as they are.)
        if (!ReferenceEquals(CultureInfo.CurrentCulture, job.Culture))
        {
            CultureInfo.CurrentCulture = job.Culture;
        }

        if (!ReferenceEquals(CultureInfo.CurrentUICulture, job.UICulture))
        {
            CultureInfo.CurrentUICulture = job.UICulture;
        }

        var started = Stopwatch.GetTimestamp();
        var outer = Activity.Current;
        object? result = null;
        Exception? error = null;
        var context = new TaskContext(job, stageId, partition, attempt)
        {
            KeepsPartialOutput = keepPartialOutput && !stage.IsShuffleMap,
        };
        try
        {
            // Spans the query's own code starts (an HTTP call in a lambda) nest under the task's.
            if (span is not null)
            {
                Activity.Current = span;
            }

            job.Cancellation.ThrowIfCancellationRequested();
            result = stage is ShuffleMapStage map
                ? job.Runtime.RunMapTask(map.Exchange, context, partition)
                : Trim(job.Runtime.RunResultTask(stage.Top, context, partition), lastOnly);
        }
        catch (PartialOutputException e)
        {
            // The rows are the task's output only when they are the stage's top operator's.
            result = ReferenceEquals(e.Node, stage.Top) ? e.Rows : null;
            error = e.InnerException;
        }
        catch (Exception e)
        {
            error = e;
        }
        finally
        {
            if (span is not null)
            {
                Activity.Current = outer;
            }

            context.ReleaseMemory();
        }

        if (result is MapStatus { Failure: { } deferred } && attempt < maxTaskFailures)
        {
            // A deferred map failure is still a failed attempt while attempts remain: it is retried, and nothing
            // it wrote or counted is kept.
            (result, error) = (null, deferred);
        }

        if (error is null)
        {
            context.KeepCounts();
        }

        // What went to disk: the task's shuffle blocks that did not fit in memory and its operators' spill files.
        return new TaskOutcome(result, error, Stopwatch.GetElapsedTime(started), context.MemoryUsed?.SpilledBytes ?? 0, context.MemoryUsed?.Peak ?? 0)
        {
            Counts = error is null ? context.Counts() : null,
        };
    }

    /// <summary>Runs the task on a cluster executor, and reports its end as a local task's is reported.</summary>
    private async Task LaunchRemoteAsync(JobRun job, StageRun stage, int partition, int attempt, bool lastOnly, bool keepPartialOutput, TaskEvents events)
    {
        var started = Stopwatch.GetTimestamp();
        var span = Telemetry.StartTask(stage.Span, job.JobId, stage.StageId, partition, attempt, 0);
        TaskOutcome ended;
        var slot = 0;
        try
        {
            (ended, slot) = await cluster!.RunAsync(job, stage.Stage, stage.StageId, partition, attempt, lastOnly, keepPartialOutput, maxTaskFailures, started => listeners.TaskStart(job.JobId, stage.StageId, partition, attempt, started)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            ended = new TaskOutcome(null, e, TimeSpan.Zero, 0, 0);
        }

        if (ended is { Error: null, Counts: { } counts } && job.Metrics is { } metrics)
        {
            counts.AddTo(metrics);
        }

        Report(job, stage, partition, attempt, slot, ended with { Elapsed = Stopwatch.GetElapsedTime(started) }, span, events);
    }

    private void Report(JobRun job, StageRun stage, int partition, int attempt, int slot, TaskOutcome ended, Activity? span, TaskEvents events)
    {
        var (result, error) = (ended.Result, ended.Error);
        var (rows, bytes) = (error, result) switch
        {
            (null, MapStatus status) => (status.Rows, status.Bytes),
            (null, PartitionData data) => (data.Count, 0L),
            _ => (0L, 0L),
        };
        var writesShuffle = stage.Stage.IsShuffleMap;
        Telemetry.TaskEnded(span, writesShuffle, rows, bytes, ended.SpilledBytes, ended.Elapsed, error);
        listeners.TaskEnd(new TaskInfo(job.JobId, stage.StageId, partition, attempt, slot, ended.Elapsed, error)
        {
            ResultRows = writesShuffle ? 0 : rows,
            ShuffleWriteRows = writesShuffle ? rows : 0,
            ShuffleWriteBytes = writesShuffle ? bytes : 0,
            SpilledBytes = ended.SpilledBytes,
            PeakExecutionMemory = ended.PeakExecutionMemory,
        });
        events.Report(new TaskEvent(stage, partition, attempt, slot, result, error, ended.Elapsed) { SpilledBytes = ended.SpilledBytes, PeakExecutionMemory = ended.PeakExecutionMemory });
    }

    /// <summary>For Last(): only each partition's last row goes to the driver.</summary>
    private static PartitionData Trim(PartitionData data, bool lastOnly)
    {
        if (!lastOnly || data.Count <= 1)
        {
            return data;
        }

        var last = Array.CreateInstance(data.Rows.GetType().GetElementType()!, 1);
        Array.Copy(data.Rows, data.Count - 1, last, 0, 1);
        return new PartitionData(last, 1);
    }
}
