using System.Linq.Expressions;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Optimization;

/// <summary>
/// Compares a join's composite key as a value tuple instead of an anonymous object: <c>on new { l.PartKey, l.SuppKey }
/// equals new { ps.PartKey, ps.SuppKey }</c> would otherwise allocate an object for every row it hashes or probes.
/// Equality is the same (member by member, each with its type's default comparer, and neither form is ever null), so
/// the rewrite applies whenever the join has no comparer and both keys construct the same anonymous type.
/// </summary>
internal sealed class TupleJoinKeys : IOptimizerRule
{
    public string Name => nameof(TupleJoinKeys);

    public LogicalNode? Apply(LogicalNode node)
    {
        if (node is not JoinNode { Comparer: null } join
            || join.LeftKey.Body is not NewExpression { Members: not null } left
            || join.RightKey.Body is not NewExpression { Members: not null } right
            || left.Type != right.Type
            || !Throwing.IsAnonymous(left.Type)
            || left.Arguments.Count == 0)
        {
            return null;
        }

        return new JoinNode(
            join.Kind,
            join.Left,
            join.Right,
            Expression.Lambda(ValueTuples.New(left.Arguments), join.LeftKey.Parameters),
            Expression.Lambda(ValueTuples.New(right.Arguments), join.RightKey.Parameters),
            join.ResultSelector,
            null);
    }
}
