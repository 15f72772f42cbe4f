using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Planning.Stages;

/// <summary>The last stage of a job: its tasks (ResultTasks) send their partitions' rows to the driver.</summary>
internal sealed class ResultStage(int id, ExecNode top, IReadOnlyList<Stage> parents) : Stage(id, top, parents)
{
    public override bool IsShuffleMap => false;
}
