using Linq.Spark.Execution.Blocks;
using Linq.Spark.Planning.Serialization;

namespace Linq.Spark.Execution.Shuffle;

/// <summary>The shuffle service of a single process: blocks go to and come from the session's block store.</summary>
/// <param name="store">The session's block store.</param>
/// <param name="allow">The types a block may hold when the store encodes blocks (the plan's allow-list), or null.</param>
internal sealed class LocalShuffleService(BlockStore store, TypeAllowList? allow) : IShuffleService
{
    public string ExecutorId => "driver";

    public long Write(ShuffleBlockId id, ShuffleBlock block) => store.Put(id, block, allow);

    public IEnumerable<ShuffleBlock> Read(MapStatus status, int reduceId) => status.Blocks(reduceId).Select(store.Get);
}
