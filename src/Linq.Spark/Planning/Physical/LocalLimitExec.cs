using System.Linq.Expressions;
using Linq.Spark.Compilation;

namespace Linq.Spark.Planning.Physical;

/// <summary>Passes at most <see cref="Limit"/> rows of each partition and then ends the partition's loop early.</summary>
internal sealed class LocalLimitExec(PlanContext plan, ExecNode input, Expression limit) : NarrowExec(plan, input)
{
    public Expression Limit { get; } = limit;

    public override Type ElementType => Input.ElementType;

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new LocalLimitExec(Plan, children[0], Limit);

    public override string Describe() => $"LocalLimit {Limit}";

    public override Expression Consume(KernelContext context, Expression row, Func<Expression, Expression> next)
    {
        var remaining = context.Declare(typeof(int), "remaining", Limit);
        return Expression.Block(
            Expression.IfThen(Expression.LessThanOrEqual(remaining, Expression.Constant(0)), Expression.Goto(context.Exit)),
            Expression.PostDecrementAssign(remaining),
            next(row));
    }
}
