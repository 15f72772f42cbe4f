using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>Stable sort of each partition, so that concatenated partitions are in total order (after a range shuffle on the same keys, the shuffle's merge has sorted it).</summary>
internal sealed class SortExec(PlanContext plan, ExecNode child, IReadOnlyList<SortKey> keys, int id = -1) : ExecNode(plan, id)
{
    public ExecNode Child { get; } = child;

    public IReadOnlyList<SortKey> Keys { get; } = keys;

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new SortExec(Plan, children[0], Keys, Id);

    public override IReadOnlyList<Distribution> RequiredChildDistribution => [new OrderedDistribution(Keys)];

    public override bool OutputOrdered => true;

    /// <summary>Whether the input arrives sorted by these keys already: a range shuffle on them, whose reducers merge sorted runs.</summary>
    public bool InputIsSorted => Child.OutputPartitioning is RangePartitioning range && KeyText.Same(range.Keys, Keys);

    public override string Describe() => $"Sort [{string.Join(", ", Keys)}]";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitSort(this);
}
