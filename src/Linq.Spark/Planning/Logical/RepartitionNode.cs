namespace Linq.Spark.Planning.Logical;

/// <summary>Round-robin redistribution into a number of partitions (Repartition), or merging without a shuffle (Coalesce).</summary>
internal sealed class RepartitionNode(LogicalNode child, int partitions, bool shuffle) : UnaryNode(child)
{
    public int Partitions { get; } = partitions;

    public bool Shuffle { get; } = shuffle;

    public override Type ElementType => Child.ElementType;

    public override LogicalNode WithChild(LogicalNode child) => new RepartitionNode(child, Partitions, Shuffle);

    public override string Describe() => $"{(Shuffle ? "Repartition" : "Coalesce")} {Partitions}";
}
