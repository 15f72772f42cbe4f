namespace Linq.Spark.UI.Status;

/// <summary>One stage as the UI tracks it, from its plan to its end; mutated only under the store's lock.</summary>
internal sealed class StageData(int stageId, int jobId, StagePlan? plan, int numTasks, IReadOnlyList<int> parentIds, bool isShuffleMap)
{
    private readonly LinkedList<TaskData> _tasks = [];
    private readonly Dictionary<(int Partition, int Attempt), TaskData> _running = [];

    public int StageId { get; } = stageId;

    public int JobId { get; } = jobId;

    public StagePlan? Plan { get; } = plan;

    public int NumTasks { get; set; } = numTasks;

    public IReadOnlyList<int> ParentIds { get; } = parentIds;

    public bool IsShuffleMap { get; } = isShuffleMap;

    public DateTimeOffset? SubmissionTime { get; set; }

    /// <summary>What the scheduler reported when the stage completed.</summary>
    public StageInfo? Info { get; set; }

    /// <summary>The status the stage ended in when its job ended before it completed.</summary>
    public string? EndStatus { get; set; }

    public int CompletedTasks { get; private set; }

    public int FailedTaskAttempts { get; private set; }

    public long ResultRows { get; private set; }

    public long ShuffleWriteRows { get; private set; }

    public long ShuffleWriteBytes { get; private set; }

    /// <summary>Bytes the stage's finished attempts wrote to disk because they did not fit in memory.</summary>
    public long SpilledBytes { get; private set; }

    /// <summary>The most execution memory one of the stage's finished attempts held at once.</summary>
    public long PeakExecutionMemory { get; private set; }

    /// <summary>Finished attempts dropped from the task list because the stage had more than the UI keeps.</summary>
    public int DroppedTasks { get; private set; }

    public string Status => Info is not null ? StageStatus.Complete
        : EndStatus is not null ? EndStatus
        : SubmissionTime is not null ? StageStatus.Running
        : StageStatus.Pending;

    public TaskData TaskStarted(int partitionId, int attempt, int slot, DateTimeOffset now, int maxTasks)
    {
        var task = new TaskData(partitionId, attempt, slot, now);
        _running[(partitionId, attempt)] = task;
        _tasks.AddLast(task);
        // Running attempts are never dropped; the oldest finished ones go first, as Spark's retainedTasks does.
        for (var node = _tasks.First; _tasks.Count > maxTasks && node is not null;)
        {
            var next = node.Next;
            if (node.Value.End is not null)
            {
                _tasks.Remove(node);
                DroppedTasks++;
            }

            node = next;
        }

        return task;
    }

    /// <summary>Records an attempt's end; returns the slot it was counted as active on, or null if its start was not seen.</summary>
    public int? TaskEnded(TaskInfo info)
    {
        if (info.Error is null)
        {
            CompletedTasks++;
            ResultRows += info.ResultRows;
            ShuffleWriteRows += info.ShuffleWriteRows;
            ShuffleWriteBytes += info.ShuffleWriteBytes;
            SpilledBytes += info.SpilledBytes;
            PeakExecutionMemory = Math.Max(PeakExecutionMemory, info.PeakExecutionMemory);
        }
        else
        {
            FailedTaskAttempts++;
        }

        if (!_running.Remove((info.PartitionId, info.Attempt), out var task))
        {
            return null;
        }

        var countedOn = task.ExecutorSlot;
        task.End = info;
        task.ExecutorSlot = info.ExecutorSlot;
        return countedOn;
    }

    /// <summary>The slots of the attempts still running, when the job ends and they will report no end here.</summary>
    public IEnumerable<int> AbandonRunning()
    {
        var slots = _running.Values.Select(t => t.ExecutorSlot).ToList();
        _running.Clear();
        return slots;
    }

    public StageSummary ToSummary(DateTimeOffset now, long shuffleReadRows, long shuffleReadBytes, bool withTasks) => new(
        StageId,
        JobId,
        ParentIds,
        NumTasks,
        IsShuffleMap,
        Plan?.Operators ?? [],
        Plan?.IsVectorized ?? false,
        Plan?.NotVectorizedReason,
        Status,
        SubmissionTime,
        Info?.Duration ?? (SubmissionTime is { } submitted && EndStatus is null ? now - submitted : null),
        _running.Count,
        CompletedTasks,
        Info?.FailedTaskAttempts ?? FailedTaskAttempts,
        ResultRows,
        shuffleReadRows,
        shuffleReadBytes,
        Info?.ShuffleWriteRows ?? ShuffleWriteRows,
        Info?.ShuffleWriteBytes ?? ShuffleWriteBytes,
        Info?.Scans ?? [])
    {
        Tasks = withTasks ? [.. _tasks.Select(t => t.ToSummary(now))] : null,
        DroppedTasks = DroppedTasks,
        OperatorRows = Info?.OperatorRows ?? [],
        SpilledBytes = Info?.SpilledBytes ?? SpilledBytes,
        PeakExecutionMemory = Info?.PeakExecutionMemory ?? PeakExecutionMemory,
    };
}
