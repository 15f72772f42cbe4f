namespace Linq.Spark.Planning.Logical;

/// <summary>The rows of the left input followed by those of the right (Concat); no shuffle.</summary>
internal sealed class ConcatNode(LogicalNode left, LogicalNode right) : LogicalNode
{
    public LogicalNode Left { get; } = left;

    public LogicalNode Right { get; } = right;

    public override Type ElementType => Left.ElementType;

    public override IReadOnlyList<LogicalNode> Children => [Left, Right];

    public override LogicalNode WithChildren(IReadOnlyList<LogicalNode> children) => new ConcatNode(children[0], children[1]);

    public override string Describe() => "Concat";
}
