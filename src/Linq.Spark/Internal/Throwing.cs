using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Spark.Internal;

/// <summary>
/// Whether evaluating an expression may throw. A plan may skip, reorder or repeat only computations that cannot:
/// pruning an unread member, pushing a filter under a projection or aggregating before a HAVING filter must not
/// lose or invent an exception that LINQ to Objects would raise.
/// </summary>
/// <remarks>
/// Integer division and remainder (but by a literal other than 0 and -1), checked arithmetic and conversions, casts
/// that can fail, <c>Nullable.Value</c>, array indexing, calls, constructors of named types and computed properties may
/// throw. A member read of a value that may be null may throw, except that rows — lambda parameters and the rows a
/// transparent identifier (an anonymous type) carries — are taken to be non-null, so query syntax's <c>let</c> and
/// joins keep their plans.
/// </remarks>
internal static class Throwing
{
    public static bool MayThrow(Expression? expression) => expression switch
    {
        null or ConstantExpression or ParameterExpression or DefaultExpression or LambdaExpression => false,
        UnaryExpression { NodeType: ExpressionType.Quote } => false,
        MemberExpression member => MemberMayThrow(member),
        UnaryExpression unary => UnaryMayThrow(unary),
        BinaryExpression binary => BinaryMayThrow(binary),
        ConditionalExpression conditional => MayThrow(conditional.Test) || MayThrow(conditional.IfTrue) || MayThrow(conditional.IfFalse),
        TypeBinaryExpression typeTest => MayThrow(typeTest.Expression),
        NewExpression { Members: not null } anonymous => anonymous.Arguments.Any(MayThrow),
        NewExpression creation when IsValueTuple(creation.Type) => creation.Arguments.Any(MayThrow),
        MethodCallExpression call => !IsTotalMathCall(call) || call.Arguments.Any(MayThrow),
        _ => true,
    };

    /// <summary>Whether a property is a plain read of stored data: an auto-property, or a member of an anonymous type, a tuple or a Nullable's HasValue.</summary>
    public static bool IsPlainRead(MemberInfo member) => member switch
    {
        FieldInfo => true,
        PropertyInfo property => property.DeclaringType is { } type
            && (IsAnonymous(type)
                || type.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is not null
                || (Nullable.GetUnderlyingType(type) is not null && property.Name == nameof(Nullable<int>.HasValue))
                || (type == typeof(DateOnly) && property.Name is nameof(DateOnly.Year) or nameof(DateOnly.Month) or nameof(DateOnly.Day)
                    or nameof(DateOnly.DayNumber) or nameof(DateOnly.DayOfWeek) or nameof(DateOnly.DayOfYear))
                || (type == typeof(string) && property.Name == nameof(string.Length))),
        _ => false,
    };

    /// <summary>Whether a type is a compiler-generated anonymous type (a projection or a transparent identifier).</summary>
    public static bool IsAnonymous(Type type) => type.Name.StartsWith("<>f__AnonymousType", StringComparison.Ordinal);

    private static bool MemberMayThrow(MemberExpression member)
    {
        if (member.Expression is null)
        {
            return member.Member is not FieldInfo;
        }

        if (!IsPlainRead(member.Member) || MayThrow(member.Expression))
        {
            return true;
        }

        return !member.Expression.Type.IsValueType && !IsRow(member.Expression);
    }

    /// <summary>A lambda's row, or a row a transparent identifier carries (not a string or collection member of one).</summary>
    private static bool IsRow(Expression expression) => expression switch
    {
        ParameterExpression => true,
        MemberExpression { Expression: { } inner } member when IsAnonymous(member.Member.DeclaringType!) =>
            IsRow(inner) && member.Type != typeof(string) && !member.Type.IsArray,
        _ => false,
    };

    private static bool UnaryMayThrow(UnaryExpression unary)
    {
        if (MayThrow(unary.Operand))
        {
            return true;
        }

        return unary.NodeType switch
        {
            ExpressionType.Not or ExpressionType.Negate or ExpressionType.UnaryPlus or ExpressionType.OnesComplement or ExpressionType.TypeAs =>
                unary.Method is not null,
            ExpressionType.Convert => unary.Method is not null || !IsSafeConversion(unary.Operand.Type, unary.Type),
            _ => true,
        };
    }

    /// <summary>Unchecked numeric conversions, boxing, widening reference conversions and wrapping into a Nullable never throw.</summary>
    private static bool IsSafeConversion(Type from, Type to)
    {
        if (from == to || to.IsAssignableFrom(from) && (!from.IsValueType || !to.IsValueType))
        {
            return true;
        }

        if (Nullable.GetUnderlyingType(to) is { } underlying)
        {
            return IsSafeConversion(Nullable.GetUnderlyingType(from) ?? from, underlying);
        }

        return IsNumeric(from) && IsNumeric(to);
    }

    private static bool BinaryMayThrow(BinaryExpression binary)
    {
        if (MayThrow(binary.Left) || MayThrow(binary.Right))
        {
            return true;
        }

        var integral = IsIntegral(Nullable.GetUnderlyingType(binary.Left.Type) ?? binary.Left.Type);
        switch (binary.NodeType)
        {
            case ExpressionType.Divide or ExpressionType.Modulo when binary.Method is null:
                return integral && (binary.Right is not ConstantExpression { Value: not null } || IsZeroOrMinusOne(binary.Right));
            case ExpressionType.AddChecked or ExpressionType.SubtractChecked or ExpressionType.MultiplyChecked:
            case ExpressionType.ArrayIndex or ExpressionType.Power:
                return true;
            case ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual
                or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual:
                return binary.Method is not null && !IsTotalComparison(binary.Method);
            case ExpressionType.Coalesce:
                return binary.Conversion is not null;
            default:
                return binary.Method is not null;
        }
    }

    private static bool IsZeroOrMinusOne(Expression divisor) =>
        divisor is ConstantExpression { Value: { } value } && Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture) is 0 or -1;

    /// <summary>The comparison operators of strings, dates, times and decimals compare any two values.</summary>
    private static bool IsTotalComparison(MethodInfo method) =>
        method.DeclaringType is { } type
        && (type == typeof(string) || type == typeof(decimal) || type == typeof(DateOnly) || type == typeof(DateTime)
            || type == typeof(TimeSpan) || type == typeof(DateTimeOffset) || type == typeof(Guid));

    /// <summary>Math.Min/Max, and Math.Abs of a floating-point or decimal value (Abs of int.MinValue throws).</summary>
    private static bool IsTotalMathCall(MethodCallExpression call) =>
        call.Method.DeclaringType == typeof(Math)
        && (call.Method.Name is nameof(Math.Min) or nameof(Math.Max)
            || (call.Method.Name == nameof(Math.Abs) && (call.Type == typeof(double) || call.Type == typeof(float) || call.Type == typeof(decimal))));

    /// <summary>Whether a type is a System.ValueTuple of any arity.</summary>
    public static bool IsValueTuple(Type type) => type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal);

    private static bool IsIntegral(Type type) => Type.GetTypeCode(type) is >= TypeCode.SByte and <= TypeCode.UInt64 && !type.IsEnum;

    /// <summary>Chars, integers, floating-point numbers and enums: unchecked conversions between them never throw.</summary>
    private static bool IsNumeric(Type type) => Type.GetTypeCode(type) is >= TypeCode.Char and <= TypeCode.Double;
}
