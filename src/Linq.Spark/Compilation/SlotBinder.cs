using System.Linq.Expressions;

namespace Linq.Spark.Compilation;

/// <summary>
/// Binds the parameter slots a lambda reads (captured values of the query) to a job's values: the lambda is compiled
/// once into a factory, and each job gets a delegate over its own values without recompiling.
/// </summary>
internal static class SlotBinder
{
    /// <summary>Compiles <paramref name="lambda"/> into a factory that takes the job's parameter values.</summary>
    /// <remarks>
    /// A lambda that reads no slot is compiled once and the factory returns that delegate: binding values creates a
    /// delegate at run time (a closure over a dynamic method), which would cost a small query more than its rows.
    /// </remarks>
    public static Func<object?[], TDelegate> Compile<TDelegate>(LambdaExpression lambda, IReadOnlyList<ParameterExpression> slots)
        where TDelegate : Delegate
    {
        var parameters = Expression.Parameter(typeof(object[]), "parameters");
        var used = FreeSlots(lambda, slots);
        var typed = lambda.Type == typeof(TDelegate) ? lambda : Expression.Lambda(typeof(TDelegate), lambda.Body, lambda.Parameters);
        if (used.Count == 0)
        {
            var unbound = (TDelegate)typed.Compile();
            return _ => unbound;
        }

        var body = Expression.Block(
            used.Select(u => u.Slot),
            [.. LoadSlots(used, parameters), typed]);
        return Expression.Lambda<Func<object?[], TDelegate>>(body, parameters).Compile();
    }

    /// <summary>An optional key comparer (a literal null or a captured IEqualityComparer) bound per job; null means the default.</summary>
    public static Func<object?[], IEqualityComparer<TKey>?> CompileComparer<TKey>(Expression? comparer, IReadOnlyList<ParameterExpression> slots)
    {
        if (comparer is null)
        {
            return _ => null;
        }

        var factory = Compile<Func<IEqualityComparer<TKey>?>>(Expression.Lambda(Expression.Convert(comparer, typeof(IEqualityComparer<TKey>))), slots);
        return parameters => factory(parameters)();
    }

    /// <summary>A kernel body with the slots it reads declared and loaded from the parameter array first.</summary>
    public static Expression WithSlotsLoaded(Expression body, IReadOnlyList<ParameterExpression> slots, ParameterExpression parameters)
    {
        var used = FreeSlots(body, slots);
        return Expression.Block(used.Select(u => u.Slot), [.. LoadSlots(used, parameters), body]);
    }

    /// <summary>Assignments that load each used slot from the parameter array.</summary>
    private static IEnumerable<Expression> LoadSlots(IEnumerable<(ParameterExpression Slot, int Index)> used, ParameterExpression parameters) =>
        used.Select(u => (Expression)Expression.Assign(
            u.Slot,
            Expression.Convert(Expression.ArrayIndex(parameters, Expression.Constant(u.Index)), u.Slot.Type)));

    /// <summary>The slots that occur in an expression, with their index in the slot table.</summary>
    private static List<(ParameterExpression Slot, int Index)> FreeSlots(Expression expression, IReadOnlyList<ParameterExpression> slots)
    {
        var finder = new SlotFinder(slots);
        finder.Visit(expression);
        return finder.Used;
    }

    private sealed class SlotFinder(IReadOnlyList<ParameterExpression> slots) : ExpressionVisitor
    {
        public List<(ParameterExpression Slot, int Index)> Used { get; } = [];

        protected override Expression VisitParameter(ParameterExpression node)
        {
            for (var i = 0; i < slots.Count; i++)
            {
                if (slots[i] == node && !Used.Exists(u => u.Slot == node))
                {
                    Used.Add((node, i));
                }
            }

            return node;
        }
    }
}
