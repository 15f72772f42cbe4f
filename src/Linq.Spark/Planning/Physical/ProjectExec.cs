using System.Linq.Expressions;

namespace Linq.Spark.Planning.Physical;

/// <summary>Select: each row is replaced by the selector's value (an anonymous type stays virtual in kernels).</summary>
internal sealed class ProjectExec(PlanContext plan, ExecNode input, LambdaExpression selector, int id = -1) : NarrowExec(plan, input, id)
{
    public LambdaExpression Selector { get; } = selector;

    public override bool CountsOutputRows => false;

    public override Type ElementType => Selector.ReturnType;

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new ProjectExec(Plan, children[0], Selector, Id);

    public override string Describe() => $"Project {Text(Selector.Body)}";

    /// <summary>A tuple of members (a join input narrowed to what it reads) as (a, b), not as its constructor call.</summary>
    private static string Text(Expression body) =>
        body is NewExpression { Type.IsGenericType: true } tuple && tuple.Type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal)
            ? $"({string.Join(", ", tuple.Arguments.Select(Text))})"
            : body.ToString();

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitProject(this);
}
