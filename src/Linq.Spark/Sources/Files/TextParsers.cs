using System.Globalization;
using System.Reflection;

namespace Linq.Spark.Sources.Files;

/// <summary>Parses a field's text as a member's type.</summary>
internal delegate bool TextParser<TValue>(ReadOnlySpan<char> text, CultureInfo culture, out TValue value);

/// <summary>
/// The text parsers of the member types a file column can hold: numbers, bool, char, decimal, dates and times, Guid
/// and enums (by name, ignoring case, or by number). Numbers take no thousands separators: a field is one number.
/// </summary>
internal static class TextParsers
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Delegate?> Parsers = new();

    /// <summary>The parser of <paramref name="type"/> (a TextParser of it), or null when text cannot hold it.</summary>
    public static Delegate? For(Type type) => Parsers.GetOrAdd(type, Create);

    private static Delegate? Create(Type type)
    {
        if (type.IsEnum)
        {
            return Generic(nameof(ParseEnum), type);
        }

        return type == typeof(double) ? (TextParser<double>)((ReadOnlySpan<char> s, CultureInfo c, out double v) => double.TryParse(s, NumberStyles.Float, c, out v))
            : type == typeof(float) ? (TextParser<float>)((ReadOnlySpan<char> s, CultureInfo c, out float v) => float.TryParse(s, NumberStyles.Float, c, out v))
            : type == typeof(decimal) ? (TextParser<decimal>)((ReadOnlySpan<char> s, CultureInfo c, out decimal v) => decimal.TryParse(s, NumberStyles.Float, c, out v))
            : type == typeof(bool) ? (TextParser<bool>)ParseBool
            : IsSupportedParsable(type) ? Generic(nameof(ParseSpan), type)
            : null;
    }

    /// <summary>Whether a member of this type (or Nullable of it) can be read from text.</summary>
    public static bool CanParse(Type type) => type == typeof(string) || For(Nullable.GetUnderlyingType(type) ?? type) is not null;

    private static bool IsSupportedParsable(Type type) =>
        type.IsPrimitive || type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset)
        || type == typeof(TimeOnly) || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(Half)
        || type == typeof(Int128) || type == typeof(UInt128);

    private static Delegate Generic(string name, Type type) =>
        typeof(TextParsers).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type)
            .CreateDelegate(typeof(TextParser<>).MakeGenericType(type));

    private static bool ParseSpan<TValue>(ReadOnlySpan<char> text, CultureInfo culture, out TValue value)
        where TValue : ISpanParsable<TValue> =>
        TValue.TryParse(text, culture, out value!);

    private static bool ParseEnum<TEnum>(ReadOnlySpan<char> text, CultureInfo culture, out TEnum value)
        where TEnum : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value);

    /// <summary>true/false in any case, and 1/0 as databases write them.</summary>
    private static bool ParseBool(ReadOnlySpan<char> text, CultureInfo culture, out bool value)
    {
        if (bool.TryParse(text, out value))
        {
            return true;
        }

        value = text is "1";
        return text is "1" or "0";
    }
}
