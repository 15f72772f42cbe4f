using Linq.Spark.Execution.Scheduling;
using Linq.Spark.Planning.Serialization;
using Linq.Spark.Planning.Stages;

namespace Linq.Spark.Execution.Remote;

/// <summary>What a driver sends a cluster executor for one job and one task, and how it reads the task's outcome.</summary>
internal static class RemoteTasks
{
    /// <summary>The name of a job on the executors: its driver session's id, a slash, the job's id.</summary>
    public static string JobKey(string applicationId, JobRun job) => $"{applicationId}/{job.JobId}";

    /// <summary>
    /// The bytes of one task attempt, with the map statuses of every shuffle of the job that has finished — without
    /// their key samples, which only the driver reads (to pick a range shuffle's bounds, which go instead).
    /// </summary>
    public static byte[] Task(
        JobRun job, string jobKey, Stage stage, int stageId, int partition, int attempt, bool lastOnly, bool keepPartialOutput, int maxTaskFailures, TypeAllowList allow)
    {
        var shuffles = job.Trackers
            .Where(t => t.Value.IsComplete)
            .Select(t => new RemoteShuffle(t.Key, [.. t.Value.Statuses.Select(s => s.KeySample is null ? s : s with { KeySample = null })], t.Value.RangeBounds))
            .ToList();
        var nodeId = stage is ShuffleMapStage map ? map.Exchange.Id : stage.Top.Id;
        return TaskWire.WriteTask(
            new RemoteTask(jobKey, stageId, stage.IsShuffleMap, nodeId, partition, attempt, lastOnly, keepPartialOutput, maxTaskFailures, shuffles), allow);
    }

    /// <summary>The parallelized collections the job scans, which go to each executor apart from the job (<see cref="SourceWire"/>).</summary>
    public static IReadOnlyList<Sources.IDataSource> SourcesOf(JobRun job) =>
        [.. job.Sources.Where(SourceWire.ShipsApart).Cast<Sources.IDataSource>().DistinctBy(s => s.Id)];
}
