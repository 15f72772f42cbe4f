using Linq.Spark.Buffers;
using Linq.Spark.Execution.Shuffle;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution;

/// <summary>The compiled operators of the plan a job runs, as tasks use them: map tasks, result tasks and join lookups.</summary>
internal interface IJobRuntime
{
    /// <summary>Runs a ShuffleMapTask: the map side of <paramref name="exchange"/> over one partition of its input.</summary>
    MapStatus RunMapTask(ExecNode exchange, TaskContext context, int mapId);

    /// <summary>On the driver, once the map stage of <paramref name="exchange"/> is done: what its reducers need of every map output.</summary>
    void OnMapStageCompleted(ExecNode exchange, MapOutputTracker tracker, object?[] parameters);

    /// <summary>Runs a ResultTask: one partition of <paramref name="top"/>.</summary>
    PartitionData RunResultTask(ExecNode top, TaskContext context, int partition);

    /// <summary>The lookup that join <paramref name="joinId"/>'s probe reads in the task's current kernel partition.</summary>
    object JoinLookup(int joinId, TaskContext context);
}
