using System.Globalization;

namespace Linq.Spark;

/// <summary>How <see cref="SparkSession.ReadCsv{T}"/> reads CSV files, as Spark's CSV reader options.</summary>
public sealed record CsvReadOptions
{
    /// <summary>Whether the first line of each file names the columns; without one, columns bind to members by position.</summary>
    public bool Header { get; init; } = true;

    /// <summary>The character between fields.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>What a malformed row does: fail the job (naming file, line, column and value) or be skipped.</summary>
    public CsvParseMode Mode { get; init; } = CsvParseMode.FailFast;

    /// <summary>A field text that means null (besides an empty unquoted field, which is null for nullable members).</summary>
    public string? NullValue { get; init; }

    /// <summary>The culture numbers and dates are parsed in.</summary>
    public CultureInfo Culture { get; init; } = CultureInfo.InvariantCulture;
}
