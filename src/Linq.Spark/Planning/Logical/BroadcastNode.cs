namespace Linq.Spark.Planning.Logical;

/// <summary>A hint that its input, used as a join side, is small enough to send whole to every task.</summary>
internal sealed class BroadcastNode(LogicalNode child) : UnaryNode(child)
{
    public override Type ElementType => Child.ElementType;

    public override LogicalNode WithChild(LogicalNode child) => new BroadcastNode(child);

    public override string Describe() => "BroadcastHint";
}
