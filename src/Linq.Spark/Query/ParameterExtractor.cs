using System.Linq.Expressions;
using System.Reflection;
using Linq.Spark.Planning.Translation;

namespace Linq.Spark.Query;

/// <summary>
/// Funcletizes a query: every sub-tree that does not depend on a lambda parameter (captured locals, data sources,
/// in-memory collections, comparers) is evaluated once and replaced by a parameter slot, so that the remaining
/// expression is the query's shape and can key the plan cache.
/// </summary>
/// <remarks>
/// Inside a lambda, LINQ evaluates such a sub-tree only when it reaches it (<c>zero != 0 &amp;&amp; x.I &gt; 100 / zero</c>
/// never divides). So a sub-tree whose evaluation throws there is not replaced: its own parameter-free parts become
/// slots, and the throwing operation stays in the shape, to throw in the kernel exactly where LINQ would. Objects a
/// lambda creates (<c>new P { A = 1 }</c>) stay in the shape too: each row gets its own, as in LINQ.
/// </remarks>
internal sealed class ParameterExtractor : ExpressionVisitor
{
    private readonly List<ParameterExpression> _slots = [];
    private readonly List<object?> _values = [];
    private readonly HashSet<Expression> _evaluatable = [];
    private int _lambdaDepth;

    private ParameterExtractor()
    {
    }

    public static (Expression Shape, QueryParameters Parameters) Extract(Expression query)
    {
        var extractor = new ParameterExtractor();
        query = SpanCallRewriter.Rewrite(query);
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

        object? value;
        try
        {
            value = Evaluate(node);
        }
        catch (Exception) when (_lambdaDepth > 0)
        {
            // Deferred to the kernel (see the remarks); outside lambdas LINQ evaluates arguments eagerly, and so do we.
            _evaluatable.Remove(node);
            return base.Visit(node);
        }

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

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        _lambdaDepth++;
        try
        {
            return base.VisitLambda(node);
        }
        finally
        {
            _lambdaDepth--;
        }
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
            // Reflection reads members of class instances; a Nullable's members need its unboxed form, so they compile.
            case MemberExpression { Member: FieldInfo or PropertyInfo } m when m.Expression is null || !m.Expression.Type.IsValueType:
                var instance = m.Expression is null ? null : Evaluate(m.Expression) ?? throw new NullReferenceException(
                    $"Object reference not set to an instance of an object (reading {m.Member.Name} of {m.Expression}).");
                try
                {
                    return m.Member is FieldInfo f ? f.GetValue(instance) : ((PropertyInfo)m.Member).GetValue(instance);
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                    throw;
                }

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
        private int _lambdaDepth;

        public override Expression? Visit(Expression? node)
        {
            if (node is null)
            {
                return null;
            }

            var outer = _blocked;
            _blocked = false;
            base.Visit(node);
            var blocked = _blocked || Blocks(node) || (_lambdaDepth > 0 && CreatesObject(node));
            if (!blocked)
            {
                evaluatable.Add(node);
            }

            _blocked = outer || blocked;
            return node;
        }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            _lambdaDepth++;
            base.VisitLambda(node);
            _lambdaDepth--;
            return node;
        }

        protected override Expression VisitMemberInit(MemberInitExpression node)
        {
            // The constructor call of an initializer is part of it, never a value of its own.
            VisitArgumentsOf(node.NewExpression);
            Visit(node.Bindings, VisitMemberBinding);
            return node;
        }

        protected override Expression VisitListInit(ListInitExpression node)
        {
            VisitArgumentsOf(node.NewExpression);
            Visit(node.Initializers, VisitElementInit);
            return node;
        }

        private void VisitArgumentsOf(NewExpression creation)
        {
            foreach (var argument in creation.Arguments)
            {
                Visit(argument);
            }
        }

        private static bool Blocks(Expression node) => node switch
        {
            ParameterExpression or LambdaExpression or UnaryExpression { NodeType: ExpressionType.Quote } => true,
            // Query operators are the query itself, never values, even when their inputs are all constants.
            MethodCallExpression call => call.Method.DeclaringType == typeof(Queryable)
                || call.Method.DeclaringType == typeof(SparkOperators),
            _ => false,
        };

        /// <summary>A new object a lambda builds per row (arrays excepted: they are read, not kept, and sharing one is safe).</summary>
        private static bool CreatesObject(Expression node) =>
            node is NewExpression or MemberInitExpression or ListInitExpression && !node.Type.IsValueType;
    }
}
