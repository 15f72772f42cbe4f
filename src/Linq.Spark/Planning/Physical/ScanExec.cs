using System.Linq.Expressions;
using Linq.Spark.Columnar;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;
using Linq.Spark.Sources;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Reads the column batches of a data source held in a parameter slot; a leaf of every stage that starts at data.
/// Kernels read its columns directly; other consumers get decoded rows.
/// </summary>
internal sealed class ScanExec(PlanContext plan, ParameterExpression slot, IEncoder encoder, int partitions, string description) : ExecNode(plan), IColumnSource
{
    private readonly int _slotIndex = plan.IndexOf(slot);

    public ParameterExpression Slot { get; } = slot;

    /// <summary>How the scanned rows map to columns.</summary>
    public IEncoder Encoder { get; } = encoder;

    IEncoder? IColumnSource.Columns => Encoder;

    public override Type ElementType => Encoder.RowType;

    public override IReadOnlyList<ExecNode> Children => [];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => this;

    public override Partitioning OutputPartitioning => new UnknownPartitioning(partitions);

    public override bool OutputOrdered => true;

    public override string Describe() => $"Scan {description}";

    public ColumnBatch ProduceBatch(TaskContext context, int partition) => ((IDataSource)context.Job.Sources[_slotIndex]!).GetBatch(partition);

    public override PartitionData Produce(TaskContext context, int partition)
    {
        var rows = Encoder.DecodeAll(ProduceBatch(context, partition));
        return new PartitionData(rows, rows.Length);
    }
}
