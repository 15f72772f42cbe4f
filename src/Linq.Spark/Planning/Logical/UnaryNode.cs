namespace Linq.Spark.Planning.Logical;

/// <summary>A logical node with exactly one input.</summary>
internal abstract class UnaryNode(LogicalNode child) : LogicalNode
{
    public LogicalNode Child { get; } = child;

    public override IReadOnlyList<LogicalNode> Children => [Child];

    public override LogicalNode WithChildren(IReadOnlyList<LogicalNode> children) => WithChild(children[0]);

    public abstract LogicalNode WithChild(LogicalNode child);
}
