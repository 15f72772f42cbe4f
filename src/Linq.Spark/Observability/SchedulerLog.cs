using Microsoft.Extensions.Logging;

namespace Linq.Spark.Observability;

/// <summary>
/// The scheduler's log messages (category "Linq.Spark"), source-generated so a disabled level costs a check. A logging
/// provider that throws never fails a job, as a throwing listener does not: the failure is traced and the job goes on.
/// </summary>
internal static partial class SchedulerLog
{
    /// <summary>A job was submitted; small jobs say they run on the calling thread.</summary>
    public static void JobStarted(ILogger logger, int jobId, string description, int stages, bool onCaller) =>
        Guard(logger, LogLevel.Debug, (jobId, description, stages, onCaller),
            static (l, e) => WriteJobStarted(l, e.jobId, e.description, e.stages, e.onCaller ? ", on the calling thread" : string.Empty));

    /// <summary>A job finished (Spark logs "Job 3 finished: … took 0.2 s").</summary>
    public static void JobSucceeded(ILogger logger, int jobId, string description, int stages, double elapsedMs) =>
        Guard(logger, LogLevel.Information, (jobId, description, stages, elapsedMs),
            static (l, e) => WriteJobSucceeded(l, e.jobId, e.description, e.stages, e.elapsedMs));

    /// <summary>A job failed or was cancelled.</summary>
    public static void JobFailed(ILogger logger, Exception error, int jobId, string description, double elapsedMs) =>
        Guard(logger, LogLevel.Error, (error, jobId, description, elapsedMs),
            static (l, e) => WriteJobFailed(l, e.error, e.jobId, e.description, e.elapsedMs));

    /// <summary>A task attempt failed and the task runs again.</summary>
    public static void TaskRetried(ILogger logger, Exception error, int partition, int stageId, int jobId, int attempt, int maxAttempts) =>
        Guard(logger, LogLevel.Warning, (error, partition, stageId, jobId, attempt, maxAttempts),
            static (l, e) => WriteTaskRetried(l, e.error, e.partition, e.stageId, e.jobId, e.attempt, e.maxAttempts));

    /// <summary>A stage's slowest task ran far longer than its median task.</summary>
    public static void SlowTask(ILogger logger, int stageId, int jobId, int partition, double seconds, double ratio, double medianSeconds) =>
        Guard(logger, LogLevel.Warning, (stageId, jobId, partition, seconds, ratio, medianSeconds),
            static (l, e) => WriteSlowTask(l, e.stageId, e.jobId, e.partition, e.seconds, e.ratio, e.medianSeconds));

    /// <summary>A stage's shuffle blocks or operators' buffers did not all fit in the executor memory and some went to disk (Spark logs each spill).</summary>
    public static void StageSpilled(ILogger logger, int stageId, int jobId, long spilledBytes, long memoryBytes) =>
        Guard(logger, LogLevel.Information, (stageId, jobId, spilledBytes, memoryBytes),
            static (l, e) => WriteStageSpilled(l, e.stageId, e.jobId, e.spilledBytes / 1048576.0, e.memoryBytes / 1048576.0));

    /// <summary>A reducer found map outputs gone with their executor; the map tasks that wrote them run again.</summary>
    public static void MapOutputsLost(ILogger logger, int lost, int stageId, int jobId, string executorId) =>
        Guard(logger, LogLevel.Warning, (lost, stageId, jobId, executorId),
            static (l, e) => WriteMapOutputsLost(l, e.lost, e.stageId, e.jobId, e.executorId));

    /// <summary>Writes a message through a static callback and its arguments by value: a disabled level allocates nothing.</summary>
    private static void Guard<TMessage>(ILogger logger, LogLevel level, TMessage message, Action<ILogger, TMessage> write)
    {
        if (!logger.IsEnabled(level))
        {
            return;
        }

        try
        {
            write(logger, message);
        }
        catch (Exception e)
        {
            System.Diagnostics.Trace.TraceWarning($"Linq.Spark: a logging provider threw: {e.Message}");
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Job {JobId} started: {Description}, {Stages} stage(s){OnCaller}")]
    private static partial void WriteJobStarted(ILogger logger, int jobId, string description, int stages, string onCaller);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Job {JobId} finished: {Description}, {Stages} stage(s) in {ElapsedMs:F1} ms")]
    private static partial void WriteJobSucceeded(ILogger logger, int jobId, string description, int stages, double elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Job {JobId} failed: {Description}, after {ElapsedMs:F1} ms")]
    private static partial void WriteJobFailed(ILogger logger, Exception error, int jobId, string description, double elapsedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "Task {Partition} of stage {StageId} (job {JobId}) failed on attempt {Attempt} of {MaxAttempts}; retrying it")]
    private static partial void WriteTaskRetried(ILogger logger, Exception error, int partition, int stageId, int jobId, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "Stage {StageId} (job {JobId}): task {Partition} ran {Seconds:F2} s, {Ratio:F1} times the median task ({MedianSeconds:F2} s); its partition may be skewed")]
    private static partial void WriteSlowTask(ILogger logger, int stageId, int jobId, int partition, double seconds, double ratio, double medianSeconds);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information,
        Message = "Stage {StageId} (job {JobId}) spilled {SpilledMiB:F1} MiB to disk (shuffle blocks, and what its sorts, aggregations and groups spilled): they did not fit in the executor memory ({MemoryMiB:F1} MiB)")]
    private static partial void WriteStageSpilled(ILogger logger, int stageId, int jobId, double spilledMiB, double memoryMiB);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning,
        Message = "{Lost} map outputs of stage {StageId} (job {JobId}) were lost with executor {ExecutorId}; running those map tasks again")]
    private static partial void WriteMapOutputsLost(ILogger logger, int lost, int stageId, int jobId, string executorId);
}
