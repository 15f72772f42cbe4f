using System.Globalization;

namespace Linq.Spark;

/// <summary>How WriteCsv writes CSV files.</summary>
public sealed record CsvWriteOptions
{
    /// <summary>Whether each file starts with a line naming the columns.</summary>
    public bool Header { get; init; } = true;

    /// <summary>The character between fields.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>The text a null is written as; null writes an empty field (and an empty string as "").</summary>
    public string? NullValue { get; init; }

    /// <summary>The culture numbers and dates are written in.</summary>
    public CultureInfo Culture { get; init; } = CultureInfo.InvariantCulture;
}
