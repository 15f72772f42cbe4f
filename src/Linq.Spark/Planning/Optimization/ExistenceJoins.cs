using System.Linq.Expressions;
using System.Reflection;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Optimization;

/// <summary>
/// Turns joins that only ask whether a key exists into existence joins, whose build side is a set of keys (DuckDB's
/// semi, anti and mark joins; Spark's LeftSemi and LeftAnti). LINQ has no EXISTS, so these are the shapes that mean it:
/// <list type="bullet">
/// <item>a GroupJoin whose result uses its group only as <c>group.Any()</c> becomes a mark join, its flag standing for
/// <c>group.Any()</c>;</item>
/// <item>a Where over a mark join that keeps rows by the flag (<c>flag</c> or <c>!flag</c>, with only conditions that
/// cannot throw before it) becomes a semi or anti join;</item>
/// <item>an inner join that never reads the right row, against right rows whose keys are unique (<c>Distinct()</c>, or
/// the keys of a grouping), becomes a semi join: each left row matches at most once either way;</item>
/// <item>a <c>Distinct()</c> directly under an existence join's right side goes: duplicates do not change whether a key
/// exists, and the set of keys is built without first shuffling the rows to make them distinct.</item>
/// </list>
/// </summary>
/// <remarks>
/// An inner join whose left side is marked for broadcast stays as it is: the user asked for that side to be built, and
/// an existence join streams its left side. Null keys never match, as in Join and GroupJoin.
/// </remarks>
internal sealed class ExistenceJoins : IOptimizerRule
{
    private static readonly MethodInfo AnyMethod = new Func<IEnumerable<int>, bool>(Enumerable.Any).Method.GetGenericMethodDefinition();

    public string Name => nameof(ExistenceJoins);

    public LogicalNode? Apply(LogicalNode node) => node switch
    {
        JoinNode { Kind: JoinKind.Group } join => ToMark(join),
        FilterNode { Child: JoinNode { Kind: JoinKind.Mark } join } filter => ToSemiOrAnti(filter, join),
        JoinNode { Kind: JoinKind.Inner, Comparer: null } join => ToSemi(join),
        JoinNode { Right: DistinctNode { Comparer: null } distinct } join when join.Kind.IsExistence() && IsIdentity(distinct.KeySelector) =>
            join.With(right: distinct.Child),
        _ => null,
    };

    /// <summary>Whether <paramref name="node"/> is <c>Enumerable.Any(source)</c> without a predicate.</summary>
    public static bool IsAny(MethodCallExpression node) =>
        node.Method.IsGenericMethod && node.Method.GetGenericMethodDefinition() == AnyMethod;

    private static JoinNode? ToMark(JoinNode join)
    {
        var group = join.ResultSelector.Parameters[1];
        var matched = Expression.Parameter(typeof(bool), "matched");
        var body = new AnyOfGroup(group, matched).Visit(join.ResultSelector.Body);
        if (ExpressionUtil.References(body, [group]))
        {
            return null;
        }

        return join.With(JoinKind.Mark, resultSelector: Expression.Lambda(body, join.ResultSelector.Parameters[0], matched));
    }

    private static LogicalNode? ToSemiOrAnti(FilterNode filter, JoinNode join)
    {
        var row = filter.Predicate.Parameters[0];
        var matched = join.ResultSelector.Parameters[1];
        var terms = ExpressionUtil.Conjuncts(filter.Predicate.Body);
        for (var i = 0; i < terms.Count; i++)
        {
            var kind = MemberFolding.Fold(terms[i].Replace(row, join.ResultSelector.Body)) switch
            {
                var read when read == matched => JoinKind.Semi,
                UnaryExpression { NodeType: ExpressionType.Not, Operand: var read } when read == matched => JoinKind.Anti,
                _ => (JoinKind?)null,
            };
            if (kind is null)
            {
                // A condition before the flag's runs on every row in LINQ; it may move after the join only if it cannot throw.
                if (Throwing.MayThrow(terms[i]))
                {
                    return null;
                }

                continue;
            }

            var existence = join.With(kind.Value);
            var rest = terms.Where((_, j) => j != i).ToList();
            return rest.Count == 0 ? existence : new FilterNode(existence, Expression.Lambda(ExpressionUtil.AndAlso(rest), row));
        }

        return null;
    }

    private static JoinNode? ToSemi(JoinNode join)
    {
        var right = join.ResultSelector.Parameters[1];
        if (ExpressionUtil.References(join.ResultSelector.Body, [right])
            || BroadcastNode.IsMarked(join.Left)
            || !UniqueKeys(join.Right, join.RightKey))
        {
            return null;
        }

        var matched = Expression.Parameter(typeof(bool), "matched");
        return join.With(JoinKind.Semi, resultSelector: Expression.Lambda(join.ResultSelector.Body, join.ResultSelector.Parameters[0], matched));
    }

    /// <summary>
    /// Whether no two rows of <paramref name="node"/> have equal keys (by default equality): the rows of a
    /// <c>Distinct()</c> keyed by themselves, or the key of a grouping, read through filters and projections. A
    /// grouping's result that is a conditional (a <c>having</c> clause: <c>cond ? (true, key) : (false, default)</c>)
    /// counts only the branches the filters above can keep.
    /// </summary>
    private static bool UniqueKeys(LogicalNode node, LambdaExpression key)
    {
        var body = key.Body;
        var row = key.Parameters[0];
        var conditions = new List<Expression>();
        while (true)
        {
            switch (node)
            {
                case FilterNode filter:
                    conditions.Add(filter.Predicate.Body.Replace(filter.Predicate.Parameters[0], row));
                    node = filter.Child;
                    break;
                case BroadcastNode or CacheNode:
                    node = node.Children[0];
                    break;
                case ProjectNode project:
                    body = MemberFolding.Fold(body.Replace(row, project.Selector.Body));
                    conditions = [.. conditions.Select(c => MemberFolding.Fold(c.Replace(row, project.Selector.Body)))];
                    row = project.Selector.Parameters[0];
                    node = project.Child;
                    break;
                case DistinctNode { Comparer: null } distinct when IsIdentity(distinct.KeySelector):
                    return body == row;
                case AggregateNode { KeySelector: not null, Comparer: null } aggregate:
                    var groupKey = aggregate.ResultSelector.Parameters[0];
                    return Branches(aggregate.ResultSelector.Body)
                        .Where(result => !conditions.Any(c => MemberFolding.Fold(c.Replace(row, result)) is ConstantExpression { Value: false }))
                        .All(result => MemberFolding.Fold(body.Replace(row, result)) == groupKey);
                default:
                    return false;
            }
        }
    }

    /// <summary>The values a result selector's body can take: the arms of its conditionals.</summary>
    private static IEnumerable<Expression> Branches(Expression body) =>
        body is ConditionalExpression conditional ? Branches(conditional.IfTrue).Concat(Branches(conditional.IfFalse)) : [body];

    private static bool IsIdentity(LambdaExpression lambda) => lambda.Body == lambda.Parameters[0];

    /// <summary>Replaces <c>group.Any()</c> with the mark join's flag.</summary>
    private sealed class AnyOfGroup(ParameterExpression group, ParameterExpression matched) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node) =>
            IsAny(node) && node.Arguments[0] == group ? matched : base.VisitMethodCall(node);
    }
}
