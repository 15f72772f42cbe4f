namespace Linq.Spark.UI.Status;

/// <summary>
/// What the UI knows about a session's jobs, as Spark's AppStatusListener and AppStatusStore: it receives the
/// scheduler's events and keeps the last <see cref="RetainedJobs"/> finished jobs (every running one), at most
/// <see cref="MaxTasksPerStage"/> task attempts per stage, and per-slot totals since it started.
/// </summary>
/// <remarks>
/// Events arrive on the driver and on every executor thread at once, so one lock guards all the state, and each
/// event does a few dictionary operations under it. Pages never render under the lock: they take copies
/// (<see cref="JobSummary"/> and friends) and render those.
/// </remarks>
internal sealed class AppStatusStore : ISparkListener
{
    /// <summary>The most task attempts a stage keeps for its task table and timeline; older finished ones are dropped.</summary>
    public const int DefaultMaxTasksPerStage = 1000;


    private readonly Lock _lock = new();
    private readonly Dictionary<int, JobData> _jobs = [];
    private readonly Dictionary<int, StageData> _stages = [];
    private readonly Queue<int> _finishedJobs = new();
    private readonly SortedDictionary<int, ExecutorTotals> _executors = [];
    private bool _stopped;

    public AppStatusStore(int executorThreads, int retainedJobs, int maxTasksPerStage = DefaultMaxTasksPerStage)
    {
        ExecutorThreads = executorThreads;
        RetainedJobs = retainedJobs;
        MaxTasksPerStage = maxTasksPerStage;
        for (var slot = 0; slot < executorThreads; slot++)
        {
            _executors[slot] = new ExecutorTotals();
        }
    }

    /// <summary>The session's executor slots.</summary>
    public int ExecutorThreads { get; }

    /// <summary>How many finished jobs are kept, the session's <see cref="SparkOptions.RetainedJobs"/>.</summary>
    public int RetainedJobs { get; }

    /// <summary>How many task attempts a stage keeps.</summary>
    public int MaxTasksPerStage { get; }

    /// <summary>Finished jobs dropped to keep the history bounded.</summary>
    public int DroppedJobs { get; private set; }

    /// <summary>Stops recording and lets go of everything kept, for when the UI is closed (an event already under way is ignored).</summary>
    public void Stop()
    {
        lock (_lock)
        {
            _stopped = true;
            _jobs.Clear();
            _stages.Clear();
            _finishedJobs.Clear();
        }
    }

    /// <inheritdoc />
    public void OnJobSubmitted(JobSubmission job)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            var data = JobOf(job.JobId, job.Description, job.SubmissionTime);
            data.PlanText = job.PlanText;
            foreach (var plan in job.Stages)
            {
                var stage = new StageData(plan.Id, job.JobId, plan, plan.NumTasks, plan.ParentIds, plan.IsShuffleMap);
                _stages[plan.Id] = stage;
                data.Stages.Add(stage);
            }
        }
    }

    /// <inheritdoc />
    public void OnJobStart(int jobId, string description, int stageCount)
    {
        lock (_lock)
        {
            if (!_stopped)
            {
                JobOf(jobId, description, DateTimeOffset.UtcNow);
            }
        }
    }

    /// <inheritdoc />
    public void OnStageSubmitted(int jobId, int stageId, int numTasks)
    {
        lock (_lock)
        {
            if (_stopped || !_jobs.TryGetValue(jobId, out var job))
            {
                return;
            }

            if (!_stages.TryGetValue(stageId, out var stage))
            {
                // A job submitted without its plan (not expected with a listener attached): the stage is known from here on.
                stage = new StageData(stageId, jobId, plan: null, numTasks, [], isShuffleMap: false);
                _stages[stageId] = stage;
                job.Stages.Add(stage);
            }

            stage.NumTasks = numTasks;
            stage.SubmissionTime = DateTimeOffset.UtcNow;
        }
    }

    /// <inheritdoc />
    public void OnTaskStart(TaskStartInfo task)
    {
        lock (_lock)
        {
            if (_stopped || !_stages.TryGetValue(task.StageId, out var stage))
            {
                return;
            }

            stage.TaskStarted(task.PartitionId, task.Attempt, task.ExecutorSlot, task.LaunchTime, MaxTasksPerStage);
            ExecutorOf(task.ExecutorSlot).ActiveTasks++;
        }
    }

    /// <inheritdoc />
    public void OnTaskEnd(TaskInfo task)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            if (_stages.TryGetValue(task.StageId, out var stage) && stage.TaskEnded(task) is { } countedOn)
            {
                ExecutorOf(countedOn).ActiveTasks--;
            }

            var totals = ExecutorOf(task.ExecutorSlot);
            totals.TaskTime += task.Duration;
            if (task.Error is null)
            {
                totals.CompletedTasks++;
                totals.ResultRows += task.ResultRows;
                totals.ShuffleWriteRows += task.ShuffleWriteRows;
                totals.ShuffleWriteBytes += task.ShuffleWriteBytes;
            }
            else
            {
                totals.FailedTasks++;
            }
        }
    }

    /// <inheritdoc />
    public void OnStageCompleted(int jobId, StageInfo stage)
    {
        lock (_lock)
        {
            if (!_stopped && _stages.TryGetValue(stage.StageId, out var data))
            {
                data.Info = stage;
            }
        }
    }

    /// <inheritdoc />
    public void OnJobEnd(JobInfo job)
    {
        lock (_lock)
        {
            if (_stopped || !_jobs.TryGetValue(job.JobId, out var data))
            {
                return;
            }

            data.End = job;
            data.Error = job.Error is { } error ? ErrorText.Of(error) : null;
            foreach (var stage in data.Stages.Where(s => s.Info is null))
            {
                stage.EndStatus = stage.SubmissionTime is null ? StageStatus.Skipped
                    : job.Succeeded ? StageStatus.Complete
                    : StageStatus.Failed;
                foreach (var slot in stage.AbandonRunning())
                {
                    ExecutorOf(slot).ActiveTasks--;
                }
            }

            _finishedJobs.Enqueue(job.JobId);
            while (_finishedJobs.Count > RetainedJobs)
            {
                var dropped = _jobs[_finishedJobs.Dequeue()];
                _jobs.Remove(dropped.JobId);
                foreach (var stage in dropped.Stages)
                {
                    _stages.Remove(stage.StageId);
                }

                DroppedJobs++;
            }
        }
    }

    /// <summary>Every kept job, newest first, with its stages but not their tasks.</summary>
    public IReadOnlyList<JobSummary> Jobs()
    {
        var now = DateTimeOffset.UtcNow;
        lock (_lock)
        {
            return [.. _jobs.Values.OrderByDescending(j => j.JobId).Select(j => j.ToSummary(now, withTasks: false, withPlan: false))];
        }
    }

    /// <summary>One job with its plan text and its stages (not their tasks), or null if it is not kept.</summary>
    public JobSummary? Job(int jobId)
    {
        var now = DateTimeOffset.UtcNow;
        lock (_lock)
        {
            return _jobs.TryGetValue(jobId, out var job) ? job.ToSummary(now, withTasks: false, withPlan: true) : null;
        }
    }

    /// <summary>One stage with its kept task attempts, or null if it is not kept.</summary>
    public StageSummary? Stage(int stageId)
    {
        var now = DateTimeOffset.UtcNow;
        lock (_lock)
        {
            return _stages.TryGetValue(stageId, out var stage) && _jobs.TryGetValue(stage.JobId, out var job)
                ? job.SummaryOf(stage, now, withTasks: true)
                : null;
        }
    }

    /// <summary>Every executor slot, then the calling thread if tasks ran on it.</summary>
    public IReadOnlyList<ExecutorSummary> Executors()
    {
        lock (_lock)
        {
            var slots = _executors.Where(e => e.Key >= 0).Concat(_executors.Where(e => e.Key < 0));
            return [.. slots.Select(e => new ExecutorSummary(
                e.Key, e.Value.ActiveTasks, e.Value.CompletedTasks, e.Value.FailedTasks, e.Value.TaskTime, e.Value.ResultRows, e.Value.ShuffleWriteRows, e.Value.ShuffleWriteBytes))];
        }
    }

    private JobData JobOf(int jobId, string description, DateTimeOffset submitted)
    {
        if (!_jobs.TryGetValue(jobId, out var job))
        {
            job = new JobData(jobId, description, submitted);
            _jobs[jobId] = job;
        }

        return job;
    }

    private ExecutorTotals ExecutorOf(int slot)
    {
        if (!_executors.TryGetValue(slot, out var totals))
        {
            totals = new ExecutorTotals();
            _executors[slot] = totals;
        }

        return totals;
    }

    /// <summary>What one slot has run since the UI started.</summary>
    private sealed class ExecutorTotals
    {
        public int ActiveTasks { get; set; }

        public int CompletedTasks { get; set; }

        public int FailedTasks { get; set; }

        public TimeSpan TaskTime { get; set; }

        public long ResultRows { get; set; }

        public long ShuffleWriteRows { get; set; }

        public long ShuffleWriteBytes { get; set; }
    }
}
