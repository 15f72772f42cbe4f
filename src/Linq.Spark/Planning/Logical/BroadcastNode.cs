namespace Linq.Spark.Planning.Logical;

/// <summary>A hint that its input, used as a join side, is small enough to send whole to every task.</summary>
internal sealed class BroadcastNode(LogicalNode child) : UnaryNode(child)
{
    public override Type ElementType => Child.ElementType;

    public override LogicalNode WithChild(LogicalNode child) => new BroadcastNode(child);

    public override string Describe() => "BroadcastHint";

    /// <summary>Whether a join side is to be broadcast whatever the estimates say: marked Broadcast(), or an in-memory collection.</summary>
    public static bool IsMarked(LogicalNode side) => side is BroadcastNode || side is ScanNode { IsLocalCollection: true };
}
