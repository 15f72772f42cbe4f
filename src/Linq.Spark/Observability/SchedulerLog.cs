using Microsoft.Extensions.Logging;

namespace Linq.Spark.Observability;

/// <summary>The scheduler's log messages (category "Linq.Spark"), source-generated so a disabled level costs a check.</summary>
internal static partial class SchedulerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Job {JobId} started: {Description}, {Stages} stage(s){OnCaller}")]
    private static partial void JobStarted(ILogger logger, int jobId, string description, int stages, string onCaller);

    /// <summary>A job was submitted; small jobs say they run on the calling thread.</summary>
    public static void JobStarted(ILogger logger, int jobId, string description, int stages, bool onCaller)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            JobStarted(logger, jobId, description, stages, onCaller ? ", on the calling thread" : string.Empty);
        }
    }

    /// <summary>A job finished (Spark logs "Job 3 finished: … took 0.2 s").</summary>
    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Job {JobId} finished: {Description}, {Stages} stage(s) in {ElapsedMs:F1} ms")]
    public static partial void JobSucceeded(ILogger logger, int jobId, string description, int stages, double elapsedMs);

    /// <summary>A job failed or was cancelled.</summary>
    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Job {JobId} failed: {Description}, after {ElapsedMs:F1} ms")]
    public static partial void JobFailed(ILogger logger, Exception error, int jobId, string description, double elapsedMs);

    /// <summary>A task attempt failed and the task runs again.</summary>
    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "Task {Partition} of stage {StageId} (job {JobId}) failed on attempt {Attempt} of {MaxAttempts}; retrying it")]
    public static partial void TaskRetried(ILogger logger, Exception error, int partition, int stageId, int jobId, int attempt, int maxAttempts);

    /// <summary>A stage's slowest task ran far longer than its median task.</summary>
    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "Stage {StageId} (job {JobId}): task {Partition} ran {Seconds:F2} s, {Ratio:F1} times the median task ({MedianSeconds:F2} s); its partition may be skewed")]
    public static partial void SlowTask(ILogger logger, int stageId, int jobId, int partition, double seconds, double ratio, double medianSeconds);
}
