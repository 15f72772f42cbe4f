using System.Diagnostics;
using Linq.Spark.Buffers;
using Linq.Spark.Observability;
using Linq.Spark.Execution.Shuffle;
using Linq.Spark.Planning.Stages;
using Linq.Spark.Internal;

namespace Linq.Spark.Execution.Scheduling;

/// <summary>
/// Runs a job's stage DAG (Spark's DAGScheduler): submits each stage once all its parents have finished, retries
/// failed tasks up to MaxTaskFailures, and on a final failure or a cancellation stops the job's other tasks, waits
/// for them to leave their slots, and reports the error. Returns the result stage's partitions in order.
/// </summary>
/// <remarks>
/// When the result reads only its first rows (<c>rowsNeeded</c>: Take, First, Any…), a result task's final failure
/// does not fail the job at once: the task's rows before the failure are kept, and the job fails only if the rows
/// before the failing row are fewer than the result reads — the rows LINQ evaluates before it stops.
/// </remarks>
internal sealed class DagScheduler(SparkContext session, TaskScheduler tasks, ListenerBus listeners)
{
    /// <summary>A task is reported as slow only when it ran at least this long…</summary>
    private static readonly TimeSpan SlowTaskMinimum = TimeSpan.FromSeconds(1);

    /// <summary>…and this many times its stage's median task.</summary>
    private const double SlowTaskFactor = 3;

    /// <summary>How many times a map stage's lost outputs are computed again before the job fails (Spark's stage.maxConsecutiveAttempts).</summary>
    private const int MaxStageResubmissions = 4;

    /// <remarks><paramref name="describe"/> gives the job's stages and plan text for <see cref="ISparkListener.OnJobSubmitted"/>; it is called only when a listener is attached.</remarks>
    public async Task<PartitionData[]> RunJobAsync(
        JobRun job, JobPlan plan, string description, bool lastOnly, int? rowsNeeded, Func<(IReadOnlyList<StagePlan> Stages, string Text)>? describe)
    {
        var clock = Stopwatch.StartNew();
        // Stage ids are reserved for the whole job up front, so the submission can name the stages that will run.
        var firstStageId = session.ReserveStageIds(plan.Stages.Count);
        if (describe is not null && listeners.Any)
        {
            var (stages, text) = describe();
            IReadOnlyList<StagePlan> numbered = [.. stages.Select(s => s with { Id = firstStageId + s.Id, ParentIds = [.. s.ParentIds.Select(p => firstStageId + p)] })];
            listeners.JobSubmitted(new JobSubmission(job.JobId, description, DateTimeOffset.UtcNow, numbered, text));
        }

        listeners.JobStart(job.JobId, description, plan.Stages.Count);
        var jobSpan = Telemetry.StartJob(job.JobId, description, plan.Stages.Count);
        SchedulerLog.JobStarted(session.Logger, job.JobId, description, plan.Stages.Count, job.RunsOnCaller);
        var events = tasks.EventsFor(job);
        var runs = new Dictionary<Stage, StageRun>();
        var infos = new List<StageInfo>();
        var results = new PartitionData[plan.Result.NumTasks];
        var resultErrors = new Exception?[plan.Result.NumTasks];
        var keepPartial = rowsNeeded is not null;
        var running = 0;
        Exception? failure = null;

        void Launch(StageRun stage, int partition, int attempt)
        {
            running++;
            tasks.Launch(job, stage, partition, attempt, lastOnly, keepPartial, events);
        }

        void SubmitReadyStages()
        {
            foreach (var stage in plan.Stages)
            {
                if (runs.ContainsKey(stage) || !stage.Parents.All(p => runs.TryGetValue(p, out var r) && r.Done))
                {
                    continue;
                }

                var stageId = firstStageId + stage.Id;
                var run = new StageRun(stage, stageId) { Span = Telemetry.StartStage(jobSpan, job.JobId, stageId, stage.IsShuffleMap, stage.NumTasks) };
                runs[stage] = run;
                if (stage is ShuffleMapStage map)
                {
                    job.RegisterShuffle(map.Exchange.Id, stage.NumTasks);
                }

                listeners.StageSubmitted(job.JobId, run.StageId, stage.NumTasks);
                for (var p = 0; p < stage.NumTasks; p++)
                {
                    Launch(run, p, 1);
                }

                if (stage.NumTasks == 0)
                {
                    Complete(run);
                }
            }
        }

        void Complete(StageRun run)
        {
            run.Completed = true;
            var tracker = run.Stage is ShuffleMapStage map ? job.Tracker(map.Exchange.Id) : null;
            if (run.Stage is ShuffleMapStage done)
            {
                // The driver's part of a shuffle, between its stages: a range shuffle's bounds from the map tasks' samples.
                job.Runtime.OnMapStageCompleted(done.Exchange, tracker!, job.Parameters);
            }

            var info = new StageInfo(
                run.StageId,
                [.. run.Stage.Parents.Select(p => runs[p].StageId)],
                run.Stage.NumTasks,
                run.Stage.IsShuffleMap,
                tracker?.TotalRows ?? 0,
                tracker?.TotalBytes ?? 0,
                run.FailedAttempts,
                run.Elapsed)
            {
                Scans = job.ScanMetrics(run.StageId),
                SpilledBytes = run.SpilledBytes,
                PeakExecutionMemory = run.PeakExecutionMemory,
                OperatorRows = job.Metrics is { } counted ? OperatorRows(run.Stage, counted) : [],
            };
            infos.Add(info);
            if (job.Metrics is { } metrics)
            {
                var (taskTime, slowest) = (TimeSpan.Zero, TimeSpan.Zero);
                foreach (var (_, duration) in run.Durations)
                {
                    taskTime += duration;
                    slowest = duration > slowest ? duration : slowest;
                }

                metrics.StageCompleted(
                    run.Stage.KeyOperatorId,
                    new StageMetrics(
                        job.JobId, run.StageId, run.Stage.IsShuffleMap, run.Stage.NumTasks, taskTime, slowest, run.Elapsed,
                        info.ShuffleWriteRows, info.ShuffleWriteBytes, info.SpilledBytes, run.FailedAttempts)
                    {
                        PeakExecutionMemory = info.PeakExecutionMemory,
                    });
            }
            listeners.StageCompleted(job.JobId, info);
            Telemetry.StageEnded(run.Span, info.ShuffleWriteRows, info.ShuffleWriteBytes, run.FailedAttempts, null);
            ReportSlowestTask(run, job.JobId);
            if (info.SpilledBytes > 0)
            {
                SchedulerLog.StageSpilled(session.Logger, run.StageId, job.JobId, info.SpilledBytes, session.ShuffleBlocks.MemoryLimit);
            }

            SubmitReadyStages();
        }

        // A reducer could not fetch blocks of an executor that was lost: the map tasks whose outputs it held run
        // again, and the reducer (not counted as failed) waits for them. Returns the job's error when that keeps failing.
        Exception? Refetch(TaskEvent done, FetchFailedException fetch)
        {
            var map = runs.Values.Single(r => r.Stage is ShuffleMapStage m && m.Exchange.Id == fetch.ShuffleId);
            var lost = job.Tracker(fetch.ShuffleId).Unregister(fetch.ExecutorId);
            if (lost.Count > 0)
            {
                if (++map.Resubmissions > MaxStageResubmissions)
                {
                    return new SparkJobException(job.JobId, done.Stage.StageId, done.Partition, done.Attempt, fetch);
                }

                SchedulerLog.MapOutputsLost(session.Logger, lost.Count, map.StageId, job.JobId, fetch.ExecutorId);
                map.Remaining += lost.Count;
                foreach (var mapId in lost)
                {
                    Launch(map, mapId, 1);
                }
            }

            if (map.Done)
            {
                Launch(done.Stage, done.Partition, done.Attempt);
            }
            else
            {
                map.Waiting.Add((done.Stage, done.Partition, done.Attempt));
            }

            return null;
        }

        // A map stage is whole again: the reducers that waited for it run.
        void Resume(StageRun map)
        {
            foreach (var (stage, partition, attempt) in map.Waiting)
            {
                Launch(stage, partition, attempt);
            }

            map.Waiting.Clear();
        }

        try
        {
            SubmitReadyStages();
            while (!(runs.TryGetValue(plan.Result, out var resultRun) && resultRun.Done))
            {
                var done = await events.NextAsync(job.Cancellation).ConfigureAwait(false);
                running--;
                if (done.Error is null)
                {
                    if (done.Result is MapStatus status)
                    {
                        job.Tracker(((ShuffleMapStage)done.Stage.Stage).Exchange.Id).Register(status);
                    }
                    else
                    {
                        results[done.Partition] = (PartitionData)done.Result!;
                    }

                    done.Stage.Durations.Add((done.Partition, done.Duration));
                    done.Stage.SpilledBytes += done.SpilledBytes;
                    done.Stage.PeakExecutionMemory = Math.Max(done.Stage.PeakExecutionMemory, done.PeakExecutionMemory);
                    if (--done.Stage.Remaining == 0)
                    {
                        if (done.Stage.Completed)
                        {
                            Resume(done.Stage);
                        }
                        else
                        {
                            Complete(done.Stage);
                        }
                    }

                    continue;
                }

                if (done.Error is FetchFailedException fetch)
                {
                    if (Refetch(done, fetch) is { } gaveUp)
                    {
                        failure = gaveUp;
                        break;
                    }

                    continue;
                }

                if (done.Error is ExecutorLostException { IsRetriable: true } && !job.Cancellation.IsCancellationRequested)
                {
                    // Not the task's failure: it runs again, on an executor that is still there.
                    Launch(done.Stage, done.Partition, done.Attempt);
                    continue;
                }

                if (done.Error is OperationCanceledException && (job.Cancellation.IsCancellationRequested || job.UserToken.IsCancellationRequested))
                {
                    // The caller cancelled (a lambda that watches the caller's token may see it before the job's own
                    // token, which CancelAsync sets on another thread, does): the job ends as cancelled, not failed.
                    job.CancellationSource.Cancel();
                    continue;
                }

                done.Stage.FailedAttempts++;
                if (done.Attempt < session.Options.MaxTaskFailures)
                {
                    SchedulerLog.TaskRetried(session.Logger, done.Error, done.Partition, done.Stage.StageId, job.JobId, done.Attempt, session.Options.MaxTaskFailures);
                    Launch(done.Stage, done.Partition, done.Attempt + 1);
                    continue;
                }

                var error = done.Error is OperatorException
                    ? done.Error
                    : new SparkJobException(job.JobId, done.Stage.StageId, done.Partition, done.Attempt, done.Error);
                if (keepPartial && !done.Stage.Stage.IsShuffleMap)
                {
                    results[done.Partition] = done.Result as PartitionData? ?? new PartitionData(Array.CreateInstance(plan.Result.Top.ElementType, 0), 0);
                    resultErrors[done.Partition] = error;
                    if (--done.Stage.Remaining == 0)
                    {
                        Complete(done.Stage);
                    }

                    continue;
                }

                failure = error;
                break;
            }
        }
        catch (OperationCanceledException e) when (job.Cancellation.IsCancellationRequested)
        {
            failure = job.UserToken.IsCancellationRequested
                ? new OperationCanceledException("The Linq.Spark job was cancelled.", e, job.UserToken)
                : new ObjectDisposedException("SparkSession", "The session was disposed while the job ran.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A step of the driver's own failed (a range shuffle's bounds through a user comparer): the job fails with
            // it, after its tasks have stopped, and is recorded like any failed job.
            failure = e;
        }

        failure ??= rowsNeeded is { } needed ? FirstNeededError(results, resultErrors, needed) : null;
        if (failure is not null)
        {
            // Stop the job's other tasks and wait until they have left their executor slots.
            // On the calling thread, synchronously: the caller blocks on the job, and CancelAsync would finish it on the pool.
            if (job.RunsOnCaller)
            {
                job.CancellationSource.Cancel();
            }
            else
            {
                await job.CancellationSource.CancelAsync().ConfigureAwait(false);
            }

            running -= events.DropNotStarted();
            while (running > 0)
            {
                await events.NextAsync(CancellationToken.None).ConfigureAwait(false);
                running--;
            }
        }

        // A failed job still lists the stages it started, so a SparkJobException's stage can be found in it.
        foreach (var run in runs.Values.Where(r => !r.Done))
        {
            infos.Add(new StageInfo(
                run.StageId,
                [.. run.Stage.Parents.Select(p => runs[p].StageId)],
                run.Stage.NumTasks,
                run.Stage.IsShuffleMap,
                0,
                0,
                run.FailedAttempts,
                run.Elapsed));
            // Only the stage whose task failed carries the error; the others were stopped.
            var stopped = failure is null || failure is SparkJobException { StageId: var failedStage } && failedStage != run.StageId;
            Telemetry.StageEnded(run.Span, 0, 0, run.FailedAttempts, stopped ? new OperationCanceledException("The job ended before the stage finished.") : failure);
        }

        var jobInfo = new JobInfo(job.JobId, description, infos, clock.Elapsed, failure is null) { Error = failure };
        session.RecordJob(jobInfo);
        listeners.JobEnd(jobInfo);
        Telemetry.JobEnded(jobSpan, failure);
        if (failure is null)
        {
            SchedulerLog.JobSucceeded(session.Logger, job.JobId, description, infos.Count, clock.Elapsed.TotalMilliseconds);
        }
        else
        {
            SchedulerLog.JobFailed(session.Logger, failure, job.JobId, description, clock.Elapsed.TotalMilliseconds);
        }

        if (failure is OperatorException operatorError)
        {
            operatorError.Rethrow();
        }

        if (failure is not null)
        {
            // Keeps the stack of an exception the driver caught; one made here has none to lose.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return results;
    }

    /// <summary>The rows each of a finished stage's operators handed on, in the order of its planned operators (null: a projection, or did not run).</summary>
    private static long?[] OperatorRows(Stage stage, QueryMetrics metrics) =>
        [.. stage.Operators().Select(op => !op.CountsOutputRows || !metrics.Ran(op.Id) ? null : (long?)metrics.RowsOf(op.Id))];

    /// <summary>
    /// Logs a stage's slowest task when it ran at least a second and three times the stage's median task: the sign of
    /// a skewed partition (Spark's UI shows the same as the max against the median task time).
    /// </summary>
    private void ReportSlowestTask(StageRun run, int jobId)
    {
        if (run.Durations.Count < 2 || !session.Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Warning))
        {
            return;
        }

        var sorted = run.Durations.OrderBy(d => d.Duration).ToList();
        var median = sorted[(sorted.Count - 1) / 2].Duration;
        var (partition, slowest) = sorted[^1];
        if (slowest >= SlowTaskMinimum && slowest >= median * SlowTaskFactor)
        {
            SchedulerLog.SlowTask(session.Logger, run.StageId, jobId, partition, slowest.TotalSeconds, slowest / median, median.TotalSeconds);
        }
    }

    /// <summary>The error of the first failed partition reached before <paramref name="needed"/> rows, in partition order; null if none.</summary>
    private static Exception? FirstNeededError(PartitionData[] results, Exception?[] errors, int needed)
    {
        long rows = 0;
        for (var p = 0; p < results.Length && rows < needed; p++)
        {
            rows += results[p].Count;
            if (errors[p] is { } error && rows < needed)
            {
                return error;
            }
        }

        return null;
    }
}
