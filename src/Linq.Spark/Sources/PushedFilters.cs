using System.Linq.Expressions;
using System.Reflection;
using Linq.Spark.Columnar;
using Linq.Spark.Internal;

namespace Linq.Spark.Sources;

/// <summary>
/// Finds the comparisons of a Where over a file scan that the scan can use to skip data (Spark's pushed filters): the
/// leading <c>&amp;&amp;</c> terms of the form <c>x.Member op value</c> (or <c>value op x.Member</c>), where op is ==, &lt;,
/// &lt;=, &gt; or &gt;=, the member is a stored column read plainly (widened only as C# widens implicitly), and the value is
/// a constant or a captured value. Only a leading run is taken: LINQ evaluates the terms before a failing one, and a
/// term that can throw must still see every row. The Where itself still runs over what the scan returns.
/// </summary>
internal static class PushedFilters
{
    /// <summary>One pushable comparison, with the member on the left.</summary>
    public sealed record Comparison(int Column, MemberInfo Member, ExpressionType Operator, Expression Value, Type ComparisonType);

    private static readonly HashSet<Type> Comparable =
    [
        typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
        typeof(float), typeof(double), typeof(decimal), typeof(char), typeof(DateOnly), typeof(DateTime), typeof(TimeOnly),
        typeof(string),
    ];

    /// <summary>The leading pushable comparisons of <paramref name="predicate"/> over rows stored as <paramref name="encoder"/> lays them out.</summary>
    public static IReadOnlyList<Comparison> Of(LambdaExpression predicate, IEncoder encoder)
    {
        var found = new List<Comparison>();
        foreach (var term in ExpressionUtil.Conjuncts(predicate.Body))
        {
            if (Match(term, predicate.Parameters[0], encoder) is not { } comparison)
            {
                break;
            }

            found.Add(comparison);
        }

        return found;
    }

    /// <summary>The pushable leading terms as one predicate (null when there are none), for the plan to carry.</summary>
    public static LambdaExpression? Predicate(LambdaExpression predicate, IEncoder encoder)
    {
        var count = Of(predicate, encoder).Count;
        if (count == 0)
        {
            return null;
        }

        return Expression.Lambda(ExpressionUtil.AndAlso(ExpressionUtil.Conjuncts(predicate.Body).Take(count)), predicate.Parameters);
    }

    private static Comparison? Match(Expression term, ParameterExpression row, IEncoder encoder)
    {
        if (term is not BinaryExpression { NodeType: ExpressionType.Equal or ExpressionType.LessThan or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual } binary)
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(binary.Left.Type) ?? binary.Left.Type;
        if (!Comparable.Contains(type) || (type == typeof(string) && binary.NodeType != ExpressionType.Equal)
            || (binary.Method is { } method && method.DeclaringType != type))
        {
            return null;
        }

        if (Column(binary.Left, row, encoder, type) is { } left && IsValue(binary.Right, row))
        {
            return new Comparison(left.Column, left.Member, binary.NodeType, binary.Right, type);
        }

        if (Column(binary.Right, row, encoder, type) is { } right && IsValue(binary.Left, row))
        {
            return new Comparison(right.Column, right.Member, Flip(binary.NodeType), binary.Left, type);
        }

        return null;
    }

    private static ExpressionType Flip(ExpressionType op) => op switch
    {
        ExpressionType.LessThan => ExpressionType.GreaterThan,
        ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
        ExpressionType.GreaterThan => ExpressionType.LessThan,
        ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
        _ => op,
    };

    /// <summary>A plain read of a stored member of the row, converted to the comparison type only as C# converts implicitly.</summary>
    private static (int Column, MemberInfo Member)? Column(Expression side, ParameterExpression row, IEncoder encoder, Type comparisonType)
    {
        var inner = side;
        while (inner is UnaryExpression { NodeType: ExpressionType.Convert, Method: null } convert)
        {
            inner = convert.Operand;
        }

        if (inner is not MemberExpression { Expression: var target, Member: var member } || target != row || !Throwing.IsPlainRead(member))
        {
            return null;
        }

        var column = encoder.ColumnOf(member);
        var memberType = Nullable.GetUnderlyingType(inner.Type) ?? inner.Type;
        if (memberType.IsEnum)
        {
            memberType = Enum.GetUnderlyingType(memberType);
        }

        return column >= 0 && (memberType == comparisonType || Widening.IsImplicit(memberType, comparisonType)) ? (column, member) : null;
    }

    /// <summary>A constant or a captured value (a slot), possibly converted: evaluated once per job, never per row.</summary>
    private static bool IsValue(Expression side, ParameterExpression row)
    {
        while (side is UnaryExpression { NodeType: ExpressionType.Convert } convert && (convert.Method is null || convert.Method.DeclaringType == typeof(decimal)))
        {
            side = convert.Operand;
        }

        return side is ConstantExpression || (side is ParameterExpression parameter && parameter != row);
    }
}
