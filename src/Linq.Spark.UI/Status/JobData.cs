namespace Linq.Spark.UI.Status;

/// <summary>One job as the UI tracks it: its plan, its stages in plan order, and how it ended; mutated only under the store's lock.</summary>
internal sealed class JobData(int jobId, string description, DateTimeOffset submissionTime)
{
    public int JobId { get; } = jobId;

    public string Description { get; set; } = description;

    public DateTimeOffset SubmissionTime { get; set; } = submissionTime;

    public string? PlanText { get; set; }

    public List<StageData> Stages { get; } = [];

    public JobInfo? End { get; set; }

    /// <summary>Why the job failed (its <see cref="JobInfo.Error"/>), shown as the job's failure reason; null while it runs or when it succeeded.</summary>
    public string? Error { get; set; }

    public string Status => End is null ? JobStatus.Running : End.Succeeded ? JobStatus.Succeeded : JobStatus.Failed;

    public JobSummary ToSummary(DateTimeOffset now, bool withTasks, bool withPlan)
    {
        var stages = new List<StageSummary>(Stages.Count);
        foreach (var stage in Stages)
        {
            stages.Add(SummaryOf(stage, now, withTasks));
        }

        return new JobSummary(JobId, Description, SubmissionTime, End?.Duration ?? now - SubmissionTime, Status, Error, stages)
        {
            PlanText = withPlan ? PlanText : null,
        };
    }

    public StageSummary SummaryOf(StageData stage, DateTimeOffset now, bool withTasks)
    {
        // A stage reads what its parents wrote: Spark's shuffle read is the sum of their shuffle writes.
        long readRows = 0, readBytes = 0;
        foreach (var parentId in stage.ParentIds)
        {
            var parent = Stages.Find(s => s.StageId == parentId);
            readRows += parent?.Info?.ShuffleWriteRows ?? parent?.ShuffleWriteRows ?? 0;
            readBytes += parent?.Info?.ShuffleWriteBytes ?? parent?.ShuffleWriteBytes ?? 0;
        }

        return stage.ToSummary(now, readRows, readBytes, withTasks);
    }
}
