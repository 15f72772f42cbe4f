using System.Linq.Expressions;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// OrderBy + Take(n) (Spark's TakeOrderedAndProject): each partition keeps its first n rows in order, and the
/// partials are merged and cut to n again, on the driver when this is the query's last operator.
/// </summary>
internal sealed class TopNExec(PlanContext plan, ExecNode child, AggregateMode mode, IReadOnlyList<SortKey> keys, Expression take, int id = -1) : ExecNode(plan, id)
{
    public ExecNode Child { get; } = child;

    public AggregateMode Mode { get; } = mode;

    public IReadOnlyList<SortKey> Keys { get; } = keys;

    public Expression Take { get; } = take;

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new TopNExec(Plan, children[0], Mode, Keys, Take, Id);

    public override IReadOnlyList<Distribution> RequiredChildDistribution =>
        Mode == AggregateMode.Final ? [Distribution.AllTuples] : [Distribution.Unspecified];

    public override bool OutputOrdered => Mode == AggregateMode.Final;

    public override bool FinishesOnDriver => true;

    public override string Describe() => $"{(Mode == AggregateMode.Partial ? "Partial" : "")}TopN(limit={Take}, order=[{string.Join(", ", Keys)}])";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitTopN(this);
}
