namespace Linq.Spark.Planning.Physical;

/// <summary>
/// A shuffle boundary (Spark's ShuffleExchangeExec). Map tasks of the stage below run the child's pipeline and write
/// rows partitioned by <see cref="Partitioning"/>; each reduce task of the stage above reads its partition from every
/// map output, in map order. The blocks are column batches, and kernels of the stage above read them as columns.
/// </summary>
internal sealed class ShuffleExchangeExec : ExecNode
{
    public ShuffleExchangeExec(PlanContext plan, ExecNode child, Partitioning partitioning, bool defersFailures = false, int id = -1)
        : base(plan, id)
    {
        Child = child;
        Partitioning = partitioning;
        DefersFailures = defersFailures && partitioning is SinglePartitioning;
    }

    public ExecNode Child { get; }

    public Partitioning Partitioning { get; }

    /// <summary>
    /// Whether a map task's error is kept with the rows it wrote before it, for a reader that reads lazily in order
    /// (<see cref="ExecNode.ReadsInputLazily"/>), instead of failing the job: only into one partition, where order is kept.
    /// </summary>
    public bool DefersFailures { get; }

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new ShuffleExchangeExec(Plan, children[0], Partitioning, DefersFailures, Id);

    public override Partitioning OutputPartitioning => Partitioning;

    public override bool OutputOrdered => Partitioning is SinglePartitioning or RangePartitioning && Child.OutputOrdered
        || Partitioning is RangePartitioning;

    public override StageBoundary Boundary => StageBoundary.Shuffle;

    public override ColumnLayout OutputColumns => ColumnLayout.Exchanged;

    public override string Describe() => $"Exchange {Partitioning.Describe()}";

    public override string DescribeAsStageInput() => $"ShuffleRead {Partitioning.Describe()}";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitShuffleExchange(this);
}
