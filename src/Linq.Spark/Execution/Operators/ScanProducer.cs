using Linq.Spark.Buffers;
using Linq.Spark.Columnar;
using Linq.Spark.Planning.Physical;
using Linq.Spark.Sources;

namespace Linq.Spark.Execution.Operators;

/// <summary>Reads a source's column batches (the source is the job's value of the scan's slot); decodes rows only for consumers that need rows.</summary>
internal sealed class ScanProducer(ScanExec node) : IColumnProducer
{
    public IEncoder Columns { get; } = Encoders.For(node.ElementType, stored: true);

    public IEnumerable<ColumnBatch> ProduceBatches(TaskContext context, int partition) =>
        ((IDataSource)context.Job.Sources[node.SlotIndex]!).GetBatches(partition);

    public PartitionData Produce(TaskContext context, int partition) => ColumnBatches.DecodeRows(Columns, ProduceBatches(context, partition));
}
