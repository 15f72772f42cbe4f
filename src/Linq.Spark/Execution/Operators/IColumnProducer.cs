using Linq.Spark.Buffers;
using Linq.Spark.Columnar;

namespace Linq.Spark.Execution.Operators;

/// <summary>The runtime of an operator whose partitions are column batches that kernels read directly (a scan, a shuffle's read side).</summary>
internal interface IColumnProducer : IPartitionProducer
{
    /// <summary>The column layout of the batches.</summary>
    IEncoder Columns { get; }

    /// <summary>One partition as a column batch.</summary>
    ColumnBatch ProduceBatch(TaskContext context, int partition);
}
