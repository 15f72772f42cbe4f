using System.Linq.Expressions;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Optimization;

/// <summary>
/// Moves a filter over a join's result to the join side it references (for query syntax's
/// <c>join … where a.X &gt; 5</c>), so fewer rows are shuffled. Only sides whose rows are not null-extended, and a
/// filter that may throw only to a side whose rows all reach the result.
/// </summary>
internal sealed class PushFilterIntoJoinSide : IOptimizerRule
{
    public string Name => nameof(PushFilterIntoJoinSide);

    public LogicalNode? Apply(LogicalNode node)
    {
        if (node is not FilterNode { Child: JoinNode join } filter || !PureInliner.IsPureProjection(join.ResultSelector.Body))
        {
            return null;
        }

        var predicate = PureInliner.TryInline(filter.Predicate, join.ResultSelector.Body);
        if (predicate is null)
        {
            return null;
        }

        var left = join.ResultSelector.Parameters[0];
        var right = join.ResultSelector.Parameters[1];
        var usesLeft = ExpressionUtil.References(predicate, [left]);
        var usesRight = ExpressionUtil.References(predicate, [right]);
        if (usesLeft && !usesRight && join.Kind is not JoinKind.Right && (KeepsEveryRow(join, 0) || !Throwing.MayThrow(predicate)))
        {
            var side = new FilterNode(join.Left, Expression.Lambda(predicate, left));
            return join.WithChildren([side, join.Right]);
        }

        if (usesRight && !usesLeft && join.Kind is JoinKind.Inner or JoinKind.Right && (KeepsEveryRow(join, 1) || !Throwing.MayThrow(predicate)))
        {
            var side = new FilterNode(join.Right, Expression.Lambda(predicate, right));
            return join.WithChildren([join.Left, side]);
        }

        return null;
    }

    /// <summary>
    /// Whether every row of side <paramref name="side"/> (0 left, 1 right) reaches the join's result: then a filter below
    /// the join runs on the same rows as above it. Below a join that drops rows (an inner, semi or anti join) a filter
    /// would also run on the rows dropped, so only one that cannot throw may go there, as LINQ runs it on matches only.
    /// </summary>
    private static bool KeepsEveryRow(JoinNode join, int side) =>
        side == 0 ? join.Kind is JoinKind.Left or JoinKind.Group or JoinKind.Mark : join.Kind is JoinKind.Right;
}
