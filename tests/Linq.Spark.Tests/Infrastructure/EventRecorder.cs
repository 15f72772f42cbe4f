using System.Collections.Concurrent;

namespace Linq.Spark.Tests;

/// <summary>An <see cref="ISparkListener"/> that records every event, from any thread.</summary>
public sealed class EventRecorder : ISparkListener
{
    /// <summary>Job submissions, with their planned stages.</summary>
    public ConcurrentQueue<JobSubmission> JobSubmissions { get; } = new();

    /// <summary>Job starts: job id, description, stage count.</summary>
    public ConcurrentQueue<(int JobId, string Description, int StageCount)> JobStarts { get; } = new();

    /// <summary>Job ends.</summary>
    public ConcurrentQueue<JobInfo> JobEnds { get; } = new();

    /// <summary>Stage submissions: job id, stage id, task count.</summary>
    public ConcurrentQueue<(int JobId, int StageId, int NumTasks)> StagesSubmitted { get; } = new();

    /// <summary>Stage completions.</summary>
    public ConcurrentQueue<(int JobId, StageInfo Stage)> StagesCompleted { get; } = new();

    /// <summary>Task starts: job, stage, partition, attempt.</summary>
    public ConcurrentQueue<(int JobId, int StageId, int PartitionId, int Attempt)> TaskStarts { get; } = new();

    /// <summary>Task ends.</summary>
    public ConcurrentQueue<TaskInfo> TaskEnds { get; } = new();

    /// <inheritdoc />
    public void OnJobSubmitted(JobSubmission job) => JobSubmissions.Enqueue(job);

    /// <inheritdoc />
    public void OnJobStart(int jobId, string description, int stageCount) => JobStarts.Enqueue((jobId, description, stageCount));

    /// <inheritdoc />
    public void OnJobEnd(JobInfo job) => JobEnds.Enqueue(job);

    /// <inheritdoc />
    public void OnStageSubmitted(int jobId, int stageId, int numTasks) => StagesSubmitted.Enqueue((jobId, stageId, numTasks));

    /// <inheritdoc />
    public void OnStageCompleted(int jobId, StageInfo stage) => StagesCompleted.Enqueue((jobId, stage));

    /// <inheritdoc />
    public void OnTaskStart(int jobId, int stageId, int partitionId, int attempt) => TaskStarts.Enqueue((jobId, stageId, partitionId, attempt));

    /// <inheritdoc />
    public void OnTaskEnd(TaskInfo task) => TaskEnds.Enqueue(task);
}
