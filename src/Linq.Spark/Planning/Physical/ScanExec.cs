using System.Linq.Expressions;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Reads the column batches of a data source held in a parameter slot; a leaf of every stage that starts at data.
/// Kernels read its columns directly; other consumers get decoded rows.
/// </summary>
internal sealed class ScanExec(PlanContext plan, ParameterExpression slot, Type elementType, int partitions, string description, int id = -1) : ExecNode(plan, id)
{
    public ParameterExpression Slot { get; } = slot;

    /// <summary>The slot's index in the plan's parameter values, where the job finds its source.</summary>
    public int SlotIndex { get; } = plan.IndexOf(slot);

    /// <summary>How many partitions the source had when planned (a plan assumption).</summary>
    public int Partitions { get; } = partitions;

    /// <summary>The source as Explain prints it.</summary>
    public string Description { get; } = description;

    public override Type ElementType { get; } = elementType;

    public override IReadOnlyList<ExecNode> Children => [];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => this;

    public override Partitioning OutputPartitioning => new UnknownPartitioning(Partitions);

    public override bool OutputOrdered => true;

    public override ColumnLayout OutputColumns => ColumnLayout.Stored;

    public override string Describe() => $"Scan {Description}";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitScan(this);
}
