namespace Linq.Spark.Planning.Physical;

/// <summary>Merges neighbouring partitions into fewer without a shuffle (Coalesce): partition i runs a range of the input's.</summary>
internal sealed class CoalesceExec(PlanContext plan, ExecNode child, int partitions, int id = -1) : ExecNode(plan, id)
{
    public ExecNode Child { get; } = child;

    /// <summary>The partition count asked for (at most the input's).</summary>
    public int Partitions { get; } = partitions;

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new CoalesceExec(Plan, children[0], Partitions, Id);

    public override Partitioning OutputPartitioning =>
        Math.Min(Partitions, Child.NumPartitions) == 1 ? new SinglePartitioning() : new UnknownPartitioning(Math.Min(Partitions, Child.NumPartitions));

    /// <summary>The input partitions [Start, End) that output partition <paramref name="partition"/> reads.</summary>
    public (int Start, int End) InputRange(int partition)
    {
        var inputs = Child.NumPartitions;
        return ((int)((long)inputs * partition / NumPartitions), (int)((long)inputs * (partition + 1) / NumPartitions));
    }

    public override string Describe() => $"Coalesce {NumPartitions}";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitCoalesce(this);
}
