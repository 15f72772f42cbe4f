using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>Keeps the first row of each distinct key (Distinct, DistinctBy).</summary>
internal sealed class DistinctNode(LogicalNode child, LambdaExpression keySelector, Expression? comparer) : UnaryNode(child)
{
    public LambdaExpression KeySelector { get; } = keySelector;

    public Expression? Comparer { get; } = comparer;

    public override Type ElementType => Child.ElementType;

    public override LogicalNode WithChild(LogicalNode child) => new DistinctNode(child, KeySelector, Comparer);

    public override string Describe() => $"Distinct {KeySelector}";
}
