using Linq.Spark.Columnar;
using Linq.Spark.Execution;

namespace Linq.Spark.Planning.Physical;

/// <summary>An operator whose partitions are column batches that stage kernels read directly (a scan, or a shuffle's reduce side).</summary>
internal interface IColumnSource
{
    /// <summary>The column layout of the batches, or null when this operator delivers rows instead.</summary>
    IEncoder? Columns { get; }

    /// <summary>One partition as a column batch.</summary>
    ColumnBatch ProduceBatch(TaskContext context, int partition);
}
