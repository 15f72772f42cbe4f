using System.Linq.Expressions;
using Linq.Spark.Compilation;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Passes at most <see cref="Limit"/> rows of each partition and ends the partition's loop as soon as the last one has
/// passed: like LINQ's Take, it never pulls (and never evaluates lambdas on) a row after the last it passes.
/// </summary>
internal sealed class LocalLimitExec(PlanContext plan, ExecNode input, Expression limit) : NarrowExec(plan, input)
{
    public Expression Limit { get; } = limit;

    public override Type ElementType => Input.ElementType;

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new LocalLimitExec(Plan, children[0], Limit);

    public override string Describe() => $"LocalLimit {Limit}";

    public override Expression? RowsNeeded => Limit;

    public override Expression Consume(KernelContext context, Expression row, Func<Expression, Expression> next)
    {
        var remaining = context.State(this, typeof(int), "remaining", Limit, r => Expression.IfThen(Expression.LessThanOrEqual(r, Expression.Constant(0)), Expression.Goto(context.Exit)));
        return Expression.Block(
            Expression.PostDecrementAssign(remaining),
            next(row),
            Expression.IfThen(Expression.LessThanOrEqual(remaining, Expression.Constant(0)), Expression.Goto(context.Exit)));
    }
}
