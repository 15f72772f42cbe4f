using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>The first <see cref="Take"/> rows of a sort: computed per partition and merged, with no full shuffle.</summary>
internal sealed class TopNNode(LogicalNode child, IReadOnlyList<SortKey> keys, Expression take) : UnaryNode(child)
{
    public IReadOnlyList<SortKey> Keys { get; } = keys;

    public Expression Take { get; } = take;

    public override Type ElementType => Child.ElementType;

    public override LogicalNode WithChild(LogicalNode child) => new TopNNode(child, Keys, Take);

    public override string Describe() => $"TopN {Take} [{string.Join(", ", Keys)}]";
}
