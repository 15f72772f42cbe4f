using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Planning.Stages;

/// <summary>A stage whose tasks (ShuffleMapTasks) write the map side of an exchange for the stages after it.</summary>
internal sealed class ShuffleMapStage(int id, ShuffleExchangeExec exchange, IReadOnlyList<Stage> parents) : Stage(id, exchange.Child, parents)
{
    public ShuffleExchangeExec Exchange { get; } = exchange;

    public override bool IsShuffleMap => true;
}
