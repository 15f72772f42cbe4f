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
/// thread (<see cref="JobRun.RunsOnCaller"/>) has its tasks run by its driver loop instead, as slot -1.
/// </summary>
/// <param name="executor">The executor threads.</param>
/// <param name="listeners">Where task starts and ends are reported.</param>
/// <param name="maxTaskFailures">The attempts a task gets (<see cref="SparkOptions.MaxTaskFailures"/>).</param>
internal sealed class TaskScheduler(Executor executor, ListenerBus listeners, int maxTaskFailures)
{
    /// <summary>Where the tasks of <paramref name="job"/> run and report their ends.</summary>
    public TaskEvents EventsFor(JobRun job) => job.RunsOnCaller ? TaskEvents.OnCaller() : TaskEvents.OnExecutor(executor);

    /// <param name="job">The running job.</param>
    /// <param name="stage">The task's stage.</param>
    /// <param name="partition">The partition the task computes.</param>
    /// <param name="attempt">The attempt number, from 1.</param>
    /// <param name="lastOnly">Whether a result task sends only its partition's last row (Last()).</param>
    /// <param name="keepPartialOutput">Whether a failing result task reports the rows it produced before failing.</param>
    /// <param name="events">Where the task's end is reported.</param>
    public void Launch(JobRun job, StageRun stage, int partition, int attempt, bool lastOnly, bool keepPartialOutput, TaskEvents events)
    {
        events.Launch(slot =>
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
            listeners.TaskStart(job.JobId, stage.StageId, partition, attempt, slot);
            var span = Telemetry.StartTask(stage.Span, job.JobId, stage.StageId, partition, attempt, slot);
            var outer = Activity.Current;
            object? result = null;
            Exception? error = null;
            var context = new TaskContext(job, stage.StageId, partition, attempt)
            {
                KeepsPartialOutput = keepPartialOutput && !stage.Stage.IsShuffleMap,
            };
            try
            {
                // Spans the query's own code starts (an HTTP call in a lambda) nest under the task's.
                if (span is not null)
                {
                    Activity.Current = span;
                }

                job.Cancellation.ThrowIfCancellationRequested();
                result = stage.Stage is ShuffleMapStage map
                    ? job.Runtime.RunMapTask(map.Exchange, context, partition)
                    : Trim(job.Runtime.RunResultTask(stage.Stage.Top, context, partition), lastOnly);
            }
            catch (PartialOutputException e)
            {
                // The rows are the task's output only when they are the stage's top operator's.
                result = ReferenceEquals(e.Node, stage.Stage.Top) ? e.Rows : null;
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

            var elapsed = Stopwatch.GetElapsedTime(started);
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

            var (rows, bytes, spilled) = (error, result) switch
            {
                (null, MapStatus status) => (status.Rows, status.Bytes, 0L),
                (null, PartitionData data) => (data.Count, 0L, 0L),
                _ => (0L, 0L, 0L),
            };
            // What went to disk: the task's shuffle blocks that did not fit in memory and its operators' spill files.
            spilled += context.MemoryUsed?.SpilledBytes ?? 0;
            var peak = context.MemoryUsed?.Peak ?? 0;
            var writesShuffle = stage.Stage.IsShuffleMap;
            Telemetry.TaskEnded(span, writesShuffle, rows, bytes, spilled, elapsed, error);
            listeners.TaskEnd(new TaskInfo(job.JobId, stage.StageId, partition, attempt, slot, elapsed, error)
            {
                ResultRows = writesShuffle ? 0 : rows,
                ShuffleWriteRows = writesShuffle ? rows : 0,
                ShuffleWriteBytes = writesShuffle ? bytes : 0,
                SpilledBytes = spilled,
                PeakExecutionMemory = peak,
            });
            events.Report(new TaskEvent(stage, partition, attempt, slot, result, error, elapsed) { SpilledBytes = spilled, PeakExecutionMemory = peak });
        });
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
