using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>Keeps the rows for which the predicate holds (Where).</summary>
internal sealed class FilterNode(LogicalNode child, LambdaExpression predicate) : UnaryNode(child)
{
    public LambdaExpression Predicate { get; } = predicate;

    public override Type ElementType => Child.ElementType;

    public override LogicalNode WithChild(LogicalNode child) => new FilterNode(child, Predicate);

    public override string Describe() => $"Filter {Predicate}";
}
