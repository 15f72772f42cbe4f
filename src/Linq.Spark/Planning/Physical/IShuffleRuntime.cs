using Linq.Spark.Execution;
using Linq.Spark.Execution.Buffers;
using Linq.Spark.Execution.Shuffle;

namespace Linq.Spark.Planning.Physical;

/// <summary>The typed map side and reduce side of a shuffle exchange.</summary>
internal interface IShuffleRuntime
{
    MapStatus RunMap(TaskContext context, int mapId);

    PartitionData Read(TaskContext context, int reduceId);
}
