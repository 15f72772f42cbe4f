using System.Linq.Expressions;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Keeps the first row of each key: Partial drops duplicates within a map partition before the shuffle,
/// Final after the hash shuffle on the key. Reading map outputs in order keeps the first occurrence overall.
/// </summary>
internal sealed class DistinctExec(PlanContext plan, ExecNode child, AggregateMode mode, LambdaExpression key, Expression? comparer, int id = -1) : ExecNode(plan, id)
{
    public ExecNode Child { get; } = child;

    public AggregateMode Mode { get; } = mode;

    public LambdaExpression Key { get; } = key;

    public Expression? Comparer { get; } = comparer;

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new DistinctExec(Plan, children[0], Mode, Key, Comparer, Id);

    public override IReadOnlyList<Distribution> RequiredChildDistribution =>
        Mode == AggregateMode.Final ? [new ClusteredDistribution(Key, Comparer, null)] : [Distribution.Unspecified];

    public override bool OutputOrdered => Mode == AggregateMode.Partial && Child.OutputOrdered;

    public override string Describe() => $"{(Mode == AggregateMode.Partial ? "Partial" : "")}Distinct(key=[{Key.Body}])";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitDistinct(this);
}
