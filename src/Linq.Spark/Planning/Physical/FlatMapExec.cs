using System.Linq.Expressions;
using Linq.Spark.Internal;

namespace Linq.Spark.Planning.Physical;

/// <summary>SelectMany over a collection taken from each row, with an optional result selector.</summary>
internal sealed class FlatMapExec(PlanContext plan, ExecNode input, LambdaExpression collectionSelector, LambdaExpression? resultSelector, int id = -1)
    : NarrowExec(plan, input, id)
{
    public LambdaExpression CollectionSelector { get; } = collectionSelector;

    public LambdaExpression? ResultSelector { get; } = resultSelector;

    /// <summary>The element type of the collections.</summary>
    public Type ItemType => TypeUtil.FindElementType(CollectionSelector.ReturnType)!;

    public override Type ElementType => ResultSelector?.ReturnType ?? ItemType;

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new FlatMapExec(Plan, children[0], CollectionSelector, ResultSelector, Id);

    public override string Describe() => $"FlatMap {CollectionSelector.Body}{(ResultSelector is null ? "" : $" -> {ResultSelector.Body}")}";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitFlatMap(this);
}
