using Linq.Spark.Execution.Blocks;
using Linq.Spark.Planning.Serialization;

namespace Linq.Spark.Execution.Shuffle;

/// <summary>The shuffle service of a single process: blocks go to and come from the session's block store.</summary>
/// <param name="store">The session's block store.</param>
/// <param name="allow">The types a block may hold when it is encoded (the plan's allow-list), worked out when first needed.</param>
internal sealed class LocalShuffleService(BlockStore store, Lazy<TypeAllowList> allow) : IShuffleService
{
    public string ExecutorId => "driver";

    public BlockWrite Write(ShuffleBlockId id, ShuffleBlock block) => store.Put(id, block, allow);

    public IEnumerable<ShuffleBlock> Read(MapStatus status, int reduceId, Columnar.IEncoder layout, Columnar.IEncoder? keyLayout) => status.Blocks(reduceId).Select(store.Get);
}
