using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Internal;

namespace Linq.Spark.Planning.Physical;

/// <summary>Where: the rows for which the predicate holds go on.</summary>
internal sealed class FilterExec(PlanContext plan, ExecNode input, LambdaExpression predicate) : NarrowExec(plan, input)
{
    public LambdaExpression Predicate { get; } = predicate;

    public override Type ElementType => Input.ElementType;

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new FilterExec(Plan, children[0], Predicate);

    public override string Describe() => $"Filter {Predicate.Body}";

    public override Expression Consume(KernelContext context, Expression row, Func<Expression, Expression> next) =>
        Expression.IfThen(ExpressionUtil.Inline(Predicate, row), next(row));
}
