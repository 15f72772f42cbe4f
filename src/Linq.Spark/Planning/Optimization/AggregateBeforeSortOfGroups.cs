using System.Linq.Expressions;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Optimization;

/// <summary>
/// Query syntax's <c>group … into g orderby g.Key… select new { … g.Sum(…) }</c> sorts the groups before shaping
/// them. When the sort reads only the key, shape first (carrying the key along) and sort the shaped rows, so that
/// <see cref="AggregateBeforeShuffle"/> can aggregate before the shuffle instead of moving every row.
/// </summary>
internal sealed class AggregateBeforeSortOfGroups : IOptimizerRule
{
    public string Name => nameof(AggregateBeforeSortOfGroups);

    public LogicalNode? Apply(LogicalNode node)
    {
        if (node is not ProjectNode { Child: SortNode { Child: GroupByNode { ResultSelector: null } group } sort } project)
        {
            return null;
        }

        var g = project.Selector.Parameters[0];
        var keyOnly = sort.Keys.All(k => OnlyKeyUsed(k.Selector.Body, k.Selector.Parameters[0]));
        if (!keyOnly)
        {
            return null;
        }

        // g => new KeyValuePair<TKey, TResult>(g.Key, selector(g))
        var pairType = typeof(KeyValuePair<,>).MakeGenericType(group.KeyType, project.ElementType);
        var pair = Expression.New(
            pairType.GetConstructor([group.KeyType, project.ElementType])!,
            Expression.Property(g, "Key"),
            project.Selector.Body);
        var shaped = new ProjectNode(group, Expression.Lambda(pair, g));

        // Each sort key over g.Key becomes the same key over pair.Key.
        var p = Expression.Parameter(pairType, "pair");
        var keys = sort.Keys
            .Select(k => k with { Selector = Expression.Lambda(new KeyRewriter(k.Selector.Parameters[0], Expression.Property(p, "Key")).Visit(k.Selector.Body), p) })
            .ToList();
        var sorted = new SortNode(shaped, keys);
        return new ProjectNode(sorted, Expression.Lambda(Expression.Property(p, "Value"), p));
    }

    private static bool OnlyKeyUsed(Expression body, ParameterExpression group)
    {
        var keyType = group.Type.GetProperty("Key")?.PropertyType;
        if (keyType is null)
        {
            return false;
        }

        var rewritten = new KeyRewriter(group, Expression.Parameter(keyType, "key")).Visit(body);
        return !ExpressionUtil.References(rewritten, [group]);
    }

    /// <summary>Replaces <c>g.Key</c> by another expression.</summary>
    private sealed class KeyRewriter(ParameterExpression group, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == group && node.Member.Name == "Key" ? replacement : base.VisitMember(node);
    }
}
