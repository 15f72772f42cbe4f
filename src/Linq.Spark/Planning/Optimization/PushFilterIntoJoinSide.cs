using System.Linq.Expressions;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Optimization;

/// <summary>
/// Moves a filter over a join's result to the join side it references (for query syntax's
/// <c>join … where a.X &gt; 5</c>), so fewer rows are shuffled. Only sides whose rows are not null-extended.
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

        // Below an existence join a filter would also run on the rows the join drops; only one that cannot throw may go there.
        if (usesLeft && !usesRight && (join.Kind is JoinKind.Inner or JoinKind.Left or JoinKind.Group || (join.Kind.IsExistence() && !Throwing.MayThrow(predicate))))
        {
            var side = new FilterNode(join.Left, Expression.Lambda(predicate, left));
            return join.WithChildren([side, join.Right]);
        }

        if (usesRight && !usesLeft && join.Kind is JoinKind.Inner or JoinKind.Right)
        {
            var side = new FilterNode(join.Right, Expression.Lambda(predicate, right));
            return join.WithChildren([join.Left, side]);
        }

        return null;
    }
}
