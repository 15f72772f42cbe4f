using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Spark.Tests;

/// <summary>Decides from a LINQ expression whether its output order is defined by the contract of Linq.Spark.</summary>
/// <remarks>
/// Narrow operators keep their input's order, ordering operators define it, and shuffles (GroupBy, joins, Distinct,
/// set operations, CountBy, AggregateBy) make it unspecified. The oracle uses this to insist that the engine reports
/// <see cref="QueryPlan.IsOrdered"/> where order must be kept, so that an order bug cannot hide behind a
/// multiset comparison.
/// </remarks>
public static class ExpectedOrder
{
    /// <summary>What the contract says about an expression's output order.</summary>
    public enum Ordering
    {
        /// <summary>The contract does not say (an operator this classifier does not know).</summary>
        Unknown,

        /// <summary>The order is defined: source order or an OrderBy not followed by a shuffle.</summary>
        Ordered,

        /// <summary>The order is unspecified: a shuffle follows the last ordering.</summary>
        Unordered,
    }

    private static readonly HashSet<string> OrderingOperators =
        ["OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Order", "OrderDescending"];

    private static readonly HashSet<string> OrderKeepingOperators =
    [
        "Where", "Select", "SelectMany", "Cast", "OfType", "Take", "Skip", "TakeWhile", "SkipWhile", "TakeLast", "SkipLast",
        "DefaultIfEmpty", "Append", "Prepend", "Index", "Chunk", "Reverse",
    ];

    private static readonly HashSet<string> ShuffleOperators =
    [
        "GroupBy", "Join", "GroupJoin", "LeftJoin", "RightJoin", "Distinct", "DistinctBy", "Union", "UnionBy",
        "Intersect", "IntersectBy", "Except", "ExceptBy", "CountBy", "AggregateBy", "Repartition", "Shuffle",
    ];

    /// <summary>Classifies the output order of <paramref name="expression"/>.</summary>
    public static Ordering Of(Expression expression)
    {
        switch (expression)
        {
            case MethodCallExpression call:
                string name = call.Method.Name;
                if (OrderingOperators.Contains(name))
                {
                    return Ordering.Ordered;
                }

                if (ShuffleOperators.Contains(name))
                {
                    return Ordering.Unordered;
                }

                if (call.Method.DeclaringType == typeof(Queryable) && OrderKeepingOperators.Contains(name))
                {
                    return Of(call.Arguments[0]);
                }

                if (call.Method.DeclaringType == typeof(Queryable) && name == "Concat")
                {
                    return Both(Of(call.Arguments[0]), Of(call.Arguments[1]));
                }

                if (name is "Cache" or "Broadcast")
                {
                    return Of(call.Arguments[0]);
                }

                return Ordering.Unknown;
            case ConstantExpression constant:
                return OfValue(constant.Value);
            case MemberExpression { Expression: ConstantExpression closure } member:
                return OfValue(member.Member switch
                {
                    FieldInfo f => f.GetValue(closure.Value),
                    PropertyInfo p => p.GetValue(closure.Value),
                    _ => null,
                });
            case NewArrayExpression:
                return Ordering.Ordered;
            default:
                return Ordering.Unknown;
        }
    }

    private static Ordering OfValue(object? value) => value switch
    {
        IQueryable q when q.Expression is not ConstantExpression { Value: var v } || !ReferenceEquals(v, q) => Of(q.Expression),
        System.Collections.IEnumerable => Ordering.Ordered,
        _ => Ordering.Unknown,
    };

    private static Ordering Both(Ordering left, Ordering right) =>
        left == Ordering.Ordered && right == Ordering.Ordered ? Ordering.Ordered
        : left == Ordering.Unordered || right == Ordering.Unordered ? Ordering.Unordered
        : Ordering.Unknown;
}
