using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>Materializing GroupBy (Spark's groupByKey): each group's elements are gathered after a shuffle.</summary>
internal sealed class GroupByNode(
    LogicalNode child,
    LambdaExpression keySelector,
    LambdaExpression? elementSelector,
    LambdaExpression? resultSelector,
    Expression? comparer) : UnaryNode(child)
{
    public LambdaExpression KeySelector { get; } = keySelector;

    public LambdaExpression? ElementSelector { get; } = elementSelector;

    /// <summary>(key, IEnumerable&lt;element&gt;) => result, or null to produce IGrouping objects.</summary>
    public LambdaExpression? ResultSelector { get; } = resultSelector;

    public Expression? Comparer { get; } = comparer;

    public Type KeyType => KeySelector.ReturnType;

    public Type GroupElementType => ElementSelector?.ReturnType ?? Child.ElementType;

    public override Type ElementType => ResultSelector?.ReturnType
        ?? typeof(IGrouping<,>).MakeGenericType(KeyType, GroupElementType);

    public override LogicalNode WithChild(LogicalNode child) => new GroupByNode(child, KeySelector, ElementSelector, ResultSelector, Comparer);

    public override string Describe() => $"GroupBy {KeySelector}{(ElementSelector is null ? "" : $", {ElementSelector}")}{(ResultSelector is null ? "" : $", {ResultSelector}")}";
}
