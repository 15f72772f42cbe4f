using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>Expands each row into a collection taken from the row (SelectMany), with an optional result selector.</summary>
internal sealed class FlatMapNode(LogicalNode child, LambdaExpression collectionSelector, LambdaExpression? resultSelector) : UnaryNode(child)
{
    public LambdaExpression CollectionSelector { get; } = collectionSelector;

    public LambdaExpression? ResultSelector { get; } = resultSelector;

    public override Type ElementType => ResultSelector?.ReturnType
        ?? Internal.TypeUtil.FindElementType(CollectionSelector.ReturnType)!;

    public override LogicalNode WithChild(LogicalNode child) => new FlatMapNode(child, CollectionSelector, ResultSelector);

    public override string Describe() => $"FlatMap {CollectionSelector}{(ResultSelector is null ? "" : $", {ResultSelector}")}";
}
