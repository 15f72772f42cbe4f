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

    /// <summary>Stores one block of a map task's output; returns its size in bytes and the bytes that went to disk.</summary>
    BlockWrite Write(ShuffleBlockId id, ShuffleBlock block);

    /// <summary>The blocks a map task wrote for one reducer, in order, each fetched as it is read.</summary>
    /// <param name="status">The map task's status.</param>
    /// <param name="reduceId">The reducer.</param>
    /// <param name="layout">The blocks' row layout, for blocks that come as bytes.</param>
    /// <param name="keyLayout">A range shuffle's sort key layout, for blocks that come as bytes.</param>
    IEnumerable<ShuffleBlock> Read(MapStatus status, int reduceId, Columnar.IEncoder layout, Columnar.IEncoder? keyLayout);
}
