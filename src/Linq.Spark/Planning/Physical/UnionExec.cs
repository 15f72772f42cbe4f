namespace Linq.Spark.Planning.Physical;

/// <summary>Concat without a shuffle: the left input's partitions, then the right's, each computed by its own pipeline.</summary>
internal sealed class UnionExec(PlanContext plan, ExecNode left, ExecNode right, int id = -1) : ExecNode(plan, id)
{
    public ExecNode Left { get; } = left;

    public ExecNode Right { get; } = right;

    public override Type ElementType => Left.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Left, Right];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new UnionExec(Plan, children[0], children[1], Id);

    public override Partitioning OutputPartitioning => new UnknownPartitioning(Left.NumPartitions + Right.NumPartitions);

    public override string Describe() => "Union";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitUnion(this);
}
