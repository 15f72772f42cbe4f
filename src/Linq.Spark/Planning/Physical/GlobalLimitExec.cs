using System.Linq.Expressions;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>Skip/Take by global position over the single, ordered partition it needs (or on the driver at the root).</summary>
internal sealed class GlobalLimitExec(PlanContext plan, ExecNode child, Expression? skip, Expression? take, int id = -1) : ExecNode(plan, id)
{
    public ExecNode Child { get; } = child;

    public Expression? Skip { get; } = skip;

    public Expression? Take { get; } = take;

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new GlobalLimitExec(Plan, children[0], Skip, Take, Id);

    public override IReadOnlyList<Distribution> RequiredChildDistribution => [Distribution.AllTuples];

    public override bool FinishesOnDriver => true;

    public override bool ReadsInputLazily => true;

    public override Expression? RowsNeeded => Take is null ? null : LimitCounts.Prefix(Skip, Take);

    public override string Describe() => $"GlobalLimit(skip={Skip?.ToString() ?? "0"}, take={Take?.ToString() ?? "all"})";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitGlobalLimit(this);
}
