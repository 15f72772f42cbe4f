using Linq.Spark.Execution.Blocks;

namespace Linq.Spark.Execution.Shuffle;

/// <summary>
/// Where map tasks put their blocks and reduce tasks find them: the local service keeps them in this process's block
/// store; another implementation can serve them from files or over the network. Map outputs are located by the
/// <see cref="MapStatus"/>es the driver tracks.
/// </summary>
internal interface IShuffleService
{
    /// <summary>The executor whose blocks this service writes.</summary>
    string ExecutorId { get; }

    /// <summary>Stores a map task's block for one reducer; returns its size in bytes.</summary>
    long Write(ShuffleBlockId id, ShuffleBlock block);

    /// <summary>The block a map task wrote, wherever it is held.</summary>
    ShuffleBlock Read(MapStatus status, int reduceId);
}
