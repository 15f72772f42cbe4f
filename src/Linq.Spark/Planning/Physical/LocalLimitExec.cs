using System.Linq.Expressions;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Passes at most <see cref="Limit"/> rows of each partition and ends the partition's loop as soon as the last one has
/// passed: like LINQ's Take, it never pulls (and never evaluates lambdas on) a row after the last it passes.
/// </summary>
internal sealed class LocalLimitExec(PlanContext plan, ExecNode input, Expression limit, int id = -1) : NarrowExec(plan, input, id)
{
    public Expression Limit { get; } = limit;

    public override Type ElementType => Input.ElementType;

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new LocalLimitExec(Plan, children[0], Limit, Id);

    public override string Describe() => $"LocalLimit {Limit}";

    public override Expression? RowsNeeded => Limit;

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitLocalLimit(this);
}
