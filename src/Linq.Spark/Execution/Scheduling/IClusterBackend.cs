using Linq.Spark.Planning.Stages;

namespace Linq.Spark.Execution.Scheduling;

/// <summary>
/// The executors of a session connected to a cluster (Spark's SchedulerBackend): runs a task attempt on one of them
/// and returns its outcome as a local attempt's, with the slot it ran on. Everything else of a job — its DAG, retries,
/// listeners — stays on the driver.
/// </summary>
internal interface IClusterBackend : IDisposable
{
    /// <summary>The task slots of every executor together (the session's default parallelism).</summary>
    int Slots { get; }

    /// <summary>Runs one attempt of a task; <paramref name="started"/> is called with the slot once an executor takes it.</summary>
    Task<(TaskOutcome Outcome, int Slot)> RunAsync(
        JobRun job, Stage stage, int stageId, int partition, int attempt, bool lastOnly, bool keepPartialOutput, int maxTaskFailures, Action<int> started);

    /// <summary>Called when a job has ended, however it ended: executors drop its blocks, files and plan.</summary>
    void JobEnded(JobRun job);
}

/// <summary>How a task attempt ended: its map status or partition rows, or its error, with what it cost.</summary>
internal sealed record TaskOutcome(object? Result, Exception? Error, TimeSpan Elapsed, long SpilledBytes, long PeakExecutionMemory)
{
    /// <summary>A successful attempt's counts per operator, when its query counts them (sent to a cluster's driver with the outcome).</summary>
    public TaskCounts? Counts { get; init; }
}
