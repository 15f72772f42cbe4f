using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Internal;

namespace Linq.Spark.Planning.Physical;

/// <summary>Select: each row is replaced by the selector's value (an anonymous type stays virtual, see <see cref="VirtualRow"/>).</summary>
internal sealed class ProjectExec(PlanContext plan, ExecNode input, LambdaExpression selector) : NarrowExec(plan, input)
{
    public LambdaExpression Selector { get; } = selector;

    public override Type ElementType => Selector.ReturnType;

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new ProjectExec(Plan, children[0], Selector);

    public override string Describe() => $"Project {Selector.Body}";

    public override Expression Consume(KernelContext context, Expression row, Func<Expression, Expression> next) =>
        VirtualRow.Bind(ExpressionUtil.Inline(Selector, row), next);
}
