using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Planning.Stages;

/// <summary>A stage whose tasks (ShuffleMapTasks) write the map side of an exchange for the stages after it.</summary>
internal sealed class ShuffleMapStage(int id, ExecNode exchange, IReadOnlyList<Stage> parents) : Stage(id, exchange.Children[0], parents)
{
    /// <summary>The exchange whose map side the tasks run (its id names the shuffle).</summary>
    public ExecNode Exchange { get; } = exchange;

    public override bool IsShuffleMap => true;

    public override int KeyOperatorId => Exchange.Id;
}
