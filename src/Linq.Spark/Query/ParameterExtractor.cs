using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Spark.Query;

/// <summary>
/// Funcletizes a query: every sub-tree that does not depend on a lambda parameter (captured locals, data sources,
/// in-memory collections, comparers) is evaluated once and replaced by a parameter slot, so that the remaining
/// expression is the query's shape and can key the plan cache.
/// </summary>
internal sealed class ParameterExtractor : ExpressionVisitor
{
    private readonly List<ParameterExpression> _slots = [];
    private readonly List<object?> _values = [];
    private readonly HashSet<Expression> _evaluatable = [];

    private ParameterExtractor()
    {
    }

    public static (Expression Shape, QueryParameters Parameters) Extract(Expression query)
    {
        var extractor = new ParameterExtractor();
        new EvaluatableFinder(extractor._evaluatable).Visit(query);
        var shape = extractor.Visit(query)!;
        return (shape, new QueryParameters(extractor._slots, [.. extractor._values]));
    }

    public override Expression? Visit(Expression? node)
    {
        if (node is null || !_evaluatable.Contains(node) || IsLiteral(node))
        {
            return base.Visit(node);
        }

        var value = Evaluate(node);
        var name = node switch
        {
            MemberExpression m => m.Member.Name,
            ConstantExpression { Value: IEnumerable<object> or System.Collections.IEnumerable } => "source",
            _ => "p",
        };
        var slot = Expression.Parameter(node.Type, $"{name}#{_slots.Count}");
        _slots.Add(slot);
        _values.Add(value);
        return slot;
    }

    private static bool IsLiteral(Expression node) =>
        node is ConstantExpression c
        && (c.Value is null || c.Type.IsPrimitive || c.Type.IsEnum || c.Value is string or decimal or DateOnly or DateTime or TimeSpan or Guid)
        && !typeof(IQueryable).IsAssignableFrom(c.Type);

    private static object? Evaluate(Expression node)
    {
        switch (node)
        {
            case ConstantExpression c:
                return c.Value;
            case MemberExpression { Member: FieldInfo f } m:
                return f.GetValue(m.Expression is null ? null : Evaluate(m.Expression));
            case MemberExpression { Member: PropertyInfo p } m:
                return p.GetValue(m.Expression is null ? null : Evaluate(m.Expression));
            case UnaryExpression { NodeType: ExpressionType.Convert } u when u.Type.IsAssignableFrom(u.Operand.Type) && !u.Type.IsValueType:
                return Evaluate(u.Operand);
            default:
                return Expression.Lambda<Func<object?>>(Expression.Convert(node, typeof(object))).Compile(preferInterpretation: true)();
        }
    }

    /// <summary>Marks the nodes that can be evaluated before the query runs.</summary>
    private sealed class EvaluatableFinder(HashSet<Expression> evaluatable) : ExpressionVisitor
    {
        private bool _blocked;

        public override Expression? Visit(Expression? node)
        {
            if (node is null)
            {
                return null;
            }

            var outer = _blocked;
            _blocked = false;
            base.Visit(node);
            var blocked = _blocked || Blocks(node);
            if (!blocked)
            {
                evaluatable.Add(node);
            }

            _blocked = outer || blocked;
            return node;
        }

        private static bool Blocks(Expression node) => node switch
        {
            ParameterExpression or LambdaExpression or UnaryExpression { NodeType: ExpressionType.Quote } => true,
            // Query operators are the query itself, never values, even when their inputs are all constants.
            MethodCallExpression call => call.Method.DeclaringType == typeof(Queryable)
                || call.Method.DeclaringType == typeof(SparkOperators),
            _ => false,
        };
    }
}
