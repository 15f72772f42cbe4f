using System.Collections;
using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Internal;

namespace Linq.Spark.Planning.Physical;

/// <summary>SelectMany over a collection taken from each row, with an optional result selector.</summary>
internal sealed class FlatMapExec(PlanContext plan, ExecNode input, LambdaExpression collectionSelector, LambdaExpression? resultSelector)
    : NarrowExec(plan, input)
{
    public LambdaExpression CollectionSelector { get; } = collectionSelector;

    public LambdaExpression? ResultSelector { get; } = resultSelector;

    private Type ItemType => TypeUtil.FindElementType(CollectionSelector.ReturnType)!;

    public override Type ElementType => ResultSelector?.ReturnType ?? ItemType;

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new FlatMapExec(Plan, children[0], CollectionSelector, ResultSelector);

    public override string Describe() => $"FlatMap {CollectionSelector.Body}{(ResultSelector is null ? "" : $" -> {ResultSelector.Body}")}";

    public override Expression Consume(KernelContext context, Expression row, Func<Expression, Expression> next)
    {
        var enumerableType = typeof(IEnumerable<>).MakeGenericType(ItemType);
        var enumeratorType = typeof(IEnumerator<>).MakeGenericType(ItemType);
        var enumerator = Expression.Variable(enumeratorType, "items");
        var item = Expression.Variable(ItemType, "item");
        var output = ResultSelector is null ? item : ExpressionUtil.Inline(ResultSelector, row, item);
        var done = Expression.Label("done");
        var collection = Expression.Convert(ExpressionUtil.Inline(CollectionSelector, row), enumerableType);
        var loop = Expression.Loop(
            Expression.IfThenElse(
                Expression.Call(enumerator, typeof(IEnumerator).GetMethod(nameof(IEnumerator.MoveNext))!),
                Expression.Block([item], Expression.Assign(item, Expression.Property(enumerator, "Current")), next(output)),
                Expression.Break(done)),
            done);
        return Expression.Block(
            [enumerator],
            Expression.Assign(enumerator, Expression.Call(collection, enumerableType.GetMethod(nameof(IEnumerable.GetEnumerator))!)),
            Expression.TryFinally(loop, Expression.Call(enumerator, typeof(IDisposable).GetMethod(nameof(IDisposable.Dispose))!)));
    }
}
