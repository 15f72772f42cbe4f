using System.Linq.Expressions;
using Linq.Spark.Execution;
using Linq.Spark.Execution.Buffers;
using Linq.Spark.Query;

namespace Linq.Spark.Planning.Physical;

/// <summary>Reads the partitions of a data source held in a parameter slot; a leaf of every stage that starts at data.</summary>
internal sealed class ScanExec(PlanContext plan, ParameterExpression slot, Type elementType, int partitions, string description) : ExecNode(plan)
{
    private readonly int _slotIndex = plan.IndexOf(slot);

    public ParameterExpression Slot { get; } = slot;

    public override Type ElementType { get; } = elementType;

    public override IReadOnlyList<ExecNode> Children => [];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => this;

    public override Partitioning OutputPartitioning => new UnknownPartitioning(partitions);

    public override bool OutputOrdered => true;

    public override string Describe() => $"Scan {description}";

    public override PartitionData Produce(TaskContext context, int partition)
    {
        var source = (IDataSource)context.Job.Sources[_slotIndex]!;
        var rows = source.GetPartition(partition);
        return new PartitionData(rows, rows.Length);
    }
}
