namespace Linq.Spark.UI.Status;

/// <summary>A job as pages and the JSON API show it, with its stages, copied under the store's lock.</summary>
internal sealed record JobSummary(
    int JobId,
    string Description,
    DateTimeOffset SubmissionTime,
    TimeSpan Duration,
    string Status,
    string? Error,
    IReadOnlyList<StageSummary> Stages)
{
    /// <summary>The query's Explain text, where the job was submitted with it.</summary>
    public string? PlanText { get; init; }

    /// <summary>Stages that finished.</summary>
    public int CompletedStages => Stages.Count(s => s.Status == StageStatus.Complete);

    /// <summary>Tasks the job's stages run, one per partition.</summary>
    public int NumTasks => Stages.Sum(s => s.NumTasks);

    /// <summary>Tasks that finished successfully.</summary>
    public int CompletedTasks => Stages.Sum(s => s.CompletedTasks);

    /// <summary>Task attempts running now.</summary>
    public int ActiveTasks => Stages.Sum(s => s.ActiveTasks);

    /// <summary>Task attempts that failed.</summary>
    public int FailedTaskAttempts => Stages.Sum(s => s.FailedTaskAttempts);
}
