using System.Linq.Expressions;

namespace Linq.Spark.Internal;

/// <summary>Small expression-tree helpers shared by translation, optimization and compilation.</summary>
internal static class ExpressionUtil
{
    /// <summary>Returns the lambda's body with its parameters replaced by the given expressions.</summary>
    public static Expression Inline(LambdaExpression lambda, params Expression[] arguments)
    {
        if (lambda.Parameters.Count != arguments.Length)
        {
            throw new ArgumentException($"Lambda takes {lambda.Parameters.Count} arguments, got {arguments.Length}.");
        }

        var map = new Dictionary<ParameterExpression, Expression>();
        for (var i = 0; i < arguments.Length; i++)
        {
            map[lambda.Parameters[i]] = arguments[i];
        }

        return new ParameterReplacer(map).Visit(lambda.Body);
    }

    /// <summary>The expression with one parameter replaced.</summary>
    public static Expression Replace(this Expression expression, ParameterExpression parameter, Expression replacement) =>
        new ParameterReplacer(new Dictionary<ParameterExpression, Expression> { [parameter] = replacement }).Visit(expression);

    /// <summary>Builds <c>x => outer(inner(x))</c>.</summary>
    public static LambdaExpression Compose(LambdaExpression inner, LambdaExpression outer)
    {
        var body = Inline(outer, inner.Body);
        return Expression.Lambda(body, inner.Parameters);
    }

    /// <summary>Strips Quote nodes around a lambda argument of a Queryable call.</summary>
    public static LambdaExpression StripQuote(Expression expression)
    {
        while (expression.NodeType == ExpressionType.Quote)
        {
            expression = ((UnaryExpression)expression).Operand;
        }

        return expression as LambdaExpression
            ?? throw new NotSupportedException($"Expected a lambda expression but found {expression.NodeType}: {expression}.");
    }

    /// <summary>Whether the expression references any of the given parameters.</summary>
    public static bool References(Expression expression, IEnumerable<ParameterExpression> parameters)
    {
        var finder = new ParameterFinder(parameters);
        finder.Visit(expression);
        return finder.Found;
    }

    /// <summary>The conditions of a predicate's top-level <c>&amp;&amp;</c> chain, in evaluation order (a user-defined <c>&amp;&amp;</c> is one condition).</summary>
    public static IReadOnlyList<Expression> Conjuncts(Expression predicate)
    {
        var terms = new List<Expression>();
        void Split(Expression e)
        {
            if (e is BinaryExpression { NodeType: ExpressionType.AndAlso, Method: null } and)
            {
                Split(and.Left);
                Split(and.Right);
            }
            else
            {
                terms.Add(e);
            }
        }

        Split(predicate);
        return terms;
    }

    /// <summary>The conditions joined by <c>&amp;&amp;</c> in order; at least one is needed.</summary>
    public static Expression AndAlso(IEnumerable<Expression> conditions) => conditions.Aggregate(Expression.AndAlso);

    /// <summary>The identity lambda <c>x => x</c> for a type.</summary>
    public static LambdaExpression Identity(Type type)
    {
        var p = Expression.Parameter(type, "x");
        return Expression.Lambda(p, p);
    }

    private sealed class ParameterReplacer(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            map.TryGetValue(node, out var replacement) ? replacement : node;
    }

    private sealed class ParameterFinder(IEnumerable<ParameterExpression> parameters) : ExpressionVisitor
    {
        private readonly HashSet<ParameterExpression> _set = [.. parameters];

        public bool Found { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= _set.Contains(node);
            return node;
        }
    }
}
