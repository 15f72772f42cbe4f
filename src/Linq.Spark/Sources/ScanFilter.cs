using System.Linq.Expressions;

namespace Linq.Spark.Sources;

/// <summary>
/// A comparison of a member column with a value, known to hold for every row the query keeps: a file whose folder
/// gives the column a value that fails it, or a row group whose min/max statistics rule it out, holds no such row.
/// Values are compared in <see cref="ComparisonType"/>, the type C# compared them in (after any widening).
/// </summary>
internal sealed record ScanFilter(int Column, ExpressionType Operator, object Value, Type ComparisonType)
{
    /// <summary>Whether a row whose column holds <paramref name="value"/> (of the member's type, or null) satisfies the comparison.</summary>
    public bool Holds(object? value)
    {
        // Lifted comparisons with null are false (==, <, >, <=, >=; != is never pushed).
        if (value is null || As(value) is not { } left)
        {
            return false;
        }

        var order = Comparer<object>.Default.Compare(left, Value);
        return Operator switch
        {
            ExpressionType.Equal => order == 0,
            ExpressionType.LessThan => order < 0,
            ExpressionType.LessThanOrEqual => order <= 0,
            ExpressionType.GreaterThan => order > 0,
            ExpressionType.GreaterThanOrEqual => order >= 0,
            _ => true,
        };
    }

    /// <summary>
    /// Whether some value in [<paramref name="min"/>, <paramref name="max"/>] (the non-null values of a row group, of
    /// the member's type) can satisfy the comparison; true when either bound is unknown or not a number.
    /// </summary>
    public bool MayMatch(object? min, object? max)
    {
        if (As(min) is not { } low || As(max) is not { } high || IsNaN(low) || IsNaN(high))
        {
            return true;
        }

        var comparer = Comparer<object>.Default;
        return Operator switch
        {
            ExpressionType.Equal => comparer.Compare(low, Value) <= 0 && comparer.Compare(high, Value) >= 0,
            ExpressionType.LessThan => comparer.Compare(low, Value) < 0,
            ExpressionType.LessThanOrEqual => comparer.Compare(low, Value) <= 0,
            ExpressionType.GreaterThan => comparer.Compare(high, Value) > 0,
            ExpressionType.GreaterThanOrEqual => comparer.Compare(high, Value) >= 0,
            _ => true,
        };
    }

    /// <summary>The comparison as Explain shows it: <c>ShipDate &gt;= 1994-01-01</c>.</summary>
    public static string Describe(string member, ExpressionType op, string value) => $"{member} {Symbol(op)} {value}";

    /// <summary>C#'s symbol for a comparison operator.</summary>
    public static string Symbol(ExpressionType op) => op switch
    {
        ExpressionType.Equal => "==",
        ExpressionType.LessThan => "<",
        ExpressionType.LessThanOrEqual => "<=",
        ExpressionType.GreaterThan => ">",
        ExpressionType.GreaterThanOrEqual => ">=",
        _ => op.ToString(),
    };

    /// <summary>A member's value in the comparison type (widened as C# widened it), or null when it does not convert.</summary>
    private object? As(object? value)
    {
        if (value is null || value.GetType() == ComparisonType)
        {
            return value;
        }

        try
        {
            return value is IConvertible && (ComparisonType.IsPrimitive || ComparisonType == typeof(decimal))
                ? Convert.ChangeType(value, ComparisonType, System.Globalization.CultureInfo.InvariantCulture)
                : null;
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or FormatException)
        {
            return null;
        }
    }

    private static bool IsNaN(object value) => value is double d ? double.IsNaN(d) : value is float f && float.IsNaN(f);
}
