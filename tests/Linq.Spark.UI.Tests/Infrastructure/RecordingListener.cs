using System.Collections.Concurrent;

namespace Linq.Spark.UI.Tests.Infrastructure;

/// <summary>Keeps every job submission the session sends, so tests compare the UI with the plan the engine announced.</summary>
public sealed class RecordingListener : ISparkListener
{
    private readonly ConcurrentDictionary<int, JobSubmission> _submissions = new();

    /// <summary>The submission of a job, waiting for it briefly if it has not arrived yet.</summary>
    public JobSubmission Submission(int jobId) =>
        Eventually.Get(() => _submissions.TryGetValue(jobId, out var job) ? job : null, $"job {jobId} to be submitted");

    /// <summary>The newest job submitted so far, waiting for a first one.</summary>
    public JobSubmission Latest() =>
        Eventually.Get(() => _submissions.Values.OrderByDescending(j => j.JobId).FirstOrDefault(), "a job to be submitted");

    /// <inheritdoc />
    public void OnJobSubmitted(JobSubmission job) => _submissions[job.JobId] = job;
}
