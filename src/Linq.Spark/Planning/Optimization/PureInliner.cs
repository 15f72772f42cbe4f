using System.Linq.Expressions;
using Linq.Spark.Internal;

namespace Linq.Spark.Planning.Optimization;

/// <summary>
/// Substitutes a projection into a later lambda and folds <c>new { A = e }.A</c> back to <c>e</c>. Only cheap,
/// side-effect-free expressions are duplicated this way, so user methods are never called more often than written.
/// </summary>
internal static class PureInliner
{
    /// <summary>The lambda body with its parameter replaced by <paramref name="projection"/>, or null if that would copy work.</summary>
    public static Expression? TryInline(LambdaExpression lambda, Expression projection, int parameterIndex = 0)
    {
        var arguments = lambda.Parameters.Select(p => (Expression)p).ToArray();
        arguments[parameterIndex] = projection;
        var inlined = MemberFolding.Fold(ExpressionUtil.Inline(lambda, arguments));
        return ContainsNode(inlined, projection) && projection is not ParameterExpression ? null : inlined;
    }

    /// <summary>
    /// Whether every argument of a New/MemberInit projection is cheap to evaluate twice and cannot throw, so that
    /// an unread one may be dropped and a read one computed where it is read.
    /// </summary>
    public static bool IsPureProjection(Expression body) => body switch
    {
        NewExpression { Members: not null } n => n.Arguments.All(IsCheapAndTotal),
        NewExpression n when Throwing.IsValueTuple(n.Type) => n.Arguments.All(IsCheapAndTotal),
        MemberInitExpression m => m.NewExpression.Arguments.Count == 0
            && m.Bindings.All(b => b is MemberAssignment a && Throwing.IsPlainRead(a.Member) && IsCheapAndTotal(a.Expression)),
        ParameterExpression => true,
        _ => false,
    };

    private static bool IsCheapAndTotal(Expression e) => IsCheap(e) && !Throwing.MayThrow(e);

    private static bool IsCheap(Expression e) => e switch
    {
        ParameterExpression or ConstantExpression => true,
        MemberExpression m => m.Expression is null || IsCheap(m.Expression),
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.Negate or ExpressionType.Not } u => IsCheap(u.Operand),
        BinaryExpression b => b.Method is null && IsCheap(b.Left) && IsCheap(b.Right),
        NewExpression n when n.Members is not null || Throwing.IsValueTuple(n.Type) => n.Arguments.All(IsCheap),
        _ => false,
    };

    private static bool ContainsNode(Expression tree, Expression node)
    {
        var finder = new NodeFinder(node);
        finder.Visit(tree);
        return finder.Found;
    }

    private sealed class NodeFinder(Expression target) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        public override Expression? Visit(Expression? node)
        {
            if (ReferenceEquals(node, target))
            {
                Found = true;
                return node;
            }

            return Found ? node : base.Visit(node);
        }
    }
}
