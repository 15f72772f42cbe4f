using Linq.Spark.Columnar;

namespace Linq.Spark.Execution.Operators;

/// <summary>The runtime of an operator whose partitions are column batches that kernels read directly (a scan, a shuffle's read side).</summary>
internal interface IColumnProducer : IPartitionProducer
{
    /// <summary>The column layout of the batches.</summary>
    IEncoder Columns { get; }

    /// <summary>One partition as bounded column batches in row order, each produced when the reader asks for it.</summary>
    IEnumerable<ColumnBatch> ProduceBatches(TaskContext context, int partition);
}
