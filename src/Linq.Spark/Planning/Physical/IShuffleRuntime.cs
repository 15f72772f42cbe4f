using Linq.Spark.Columnar;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;
using Linq.Spark.Execution.Shuffle;

namespace Linq.Spark.Planning.Physical;

/// <summary>The typed map side and reduce side of a shuffle exchange.</summary>
internal interface IShuffleRuntime
{
    /// <summary>The layout of the exchanged batches.</summary>
    IEncoder Columns { get; }

    /// <summary>The map side's pipeline: the child's narrow operators and the shuffle writer.</summary>
    Pipeline Map { get; }

    MapStatus RunMap(TaskContext context, int mapId);

    /// <summary>One reducer's rows as a column batch.</summary>
    ColumnBatch ReadBatch(TaskContext context, int reduceId);

    PartitionData Read(TaskContext context, int reduceId);
}
