using System.Linq.Expressions;

namespace Linq.Spark.Planning.Physical;

/// <summary>Where: the rows for which the predicate holds go on.</summary>
internal sealed class FilterExec(PlanContext plan, ExecNode input, LambdaExpression predicate, int id = -1) : NarrowExec(plan, input, id)
{
    public LambdaExpression Predicate { get; } = predicate;

    public override Type ElementType => Input.ElementType;

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new FilterExec(Plan, children[0], Predicate, Id);

    public override string Describe() => $"Filter {Predicate.Body}";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitFilter(this);
}
