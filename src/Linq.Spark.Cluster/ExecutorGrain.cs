using Orleans.Concurrency;

namespace Linq.Spark.Cluster;

/// <summary>A worker's executor as a grain, pinned to the worker's silo; calls interleave, as tasks run side by side.</summary>
[SiloPinnedPlacement]
[Reentrant]
internal sealed class ExecutorGrain(Worker worker) : Grain, IExecutorGrain
{
    /// <summary>Outcomes up to this size come back in the grain call; larger ones are fetched over Flight.</summary>
    private const int InlineOutcomeBytes = 1 << 20;

    public async Task<ExecutorDescription> Describe()
    {
        var executor = await worker.Ready;
        return new ExecutorDescription(executor.ExecutorId, executor.ExecutorId, executor.Threads, executor.Memory.Total);
    }

    public async Task<TaskReply> RunTask(string jobKey, byte[] task)
    {
        var outcome = await worker.Executor.RunAsync(jobKey, task);
        return outcome.Length <= InlineOutcomeBytes ? new TaskReply(outcome, null) : new TaskReply(null, worker.KeepOutcome(outcome));
    }

    public Task CancelJob(string jobKey)
    {
        worker.Executor.CancelJob(jobKey);
        return Task.CompletedTask;
    }

    public Task EndJob(string jobKey)
    {
        worker.Executor.EndJob(jobKey);
        return Task.CompletedTask;
    }

    public Task EndApplication(string applicationId)
    {
        worker.Executor.EndJobsOf(applicationId);
        worker.Applications.Remove(applicationId);
        return Task.CompletedTask;
    }
}
