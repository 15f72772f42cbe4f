namespace Linq.Spark.Internal;

/// <summary>C#'s implicit numeric conversions between primitive types.</summary>
internal static class Widening
{
    /// <summary>C#'s implicit numeric conversions, which keep order: a comparison of widened values orders as the values do.</summary>
    public static bool IsImplicit(Type from, Type to)
    {
        var rank = (Type t) => Array.IndexOf(WideningOrder, t);
        return (from, to) switch
        {
            _ when to == typeof(decimal) => from.IsPrimitive && from != typeof(float) && from != typeof(double) && from != typeof(bool),
            _ when to == typeof(float) || to == typeof(double) => from.IsPrimitive && from != typeof(bool) && (from != typeof(double) || to == typeof(double)),
            _ when from == typeof(char) => to == typeof(ushort) || to == typeof(int) || to == typeof(uint) || to == typeof(long) || to == typeof(ulong),
            _ when IsSigned(from) && !IsSigned(to) => false,
            _ => rank(from) >= 0 && rank(to) > rank(from) && (IsSigned(to) || !IsSigned(from)),
        };
    }

    private static readonly Type[] WideningOrder = [typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong)];

    private static bool IsSigned(Type type) => type == typeof(sbyte) || type == typeof(short) || type == typeof(int) || type == typeof(long);
}
