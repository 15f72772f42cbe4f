namespace Linq.Spark.Planning.Logical;

/// <summary>A stable total order over all rows (OrderBy/ThenBy chains).</summary>
internal sealed class SortNode(LogicalNode child, IReadOnlyList<SortKey> keys) : UnaryNode(child)
{
    public IReadOnlyList<SortKey> Keys { get; } = keys;

    public override Type ElementType => Child.ElementType;

    public override LogicalNode WithChild(LogicalNode child) => new SortNode(child, Keys);

    public override string Describe() => $"Sort [{string.Join(", ", Keys)}]";
}
