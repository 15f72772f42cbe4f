using System.Globalization;

namespace Linq.Spark.Cli.Tpch;

/// <summary>Formats result values as culture-independent text: dates as yyyy-MM-dd, decimals with two places as in TPC-H's answer files.</summary>
internal static class CellText
{
    /// <summary>A result value as the console table and the CSV files show it.</summary>
    /// <remarks>
    /// Every double in a TPC-H answer is a decimal(15,2) quantity, price, sum, average or ratio, and dbgen's
    /// <c>answers/qN.out</c> print each with two places (<c>37734107.00|56586554400.73|…|0.05</c>); the round-trip
    /// digits of a double sum (<c>387071.65290000004</c>) are noise. The tests that compare answers with DuckDB
    /// compare the values themselves, not this text.
    /// </remarks>
    public static string Format(object? value) => value switch
    {
        null => "",
        string text => text,
        double number => Decimal2(number),
        float number => Decimal2(number),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A number rounded to two decimal places; a value that rounds to zero prints as 0.00, never -0.00.</summary>
    public static string Decimal2(double number)
    {
        var text = number.ToString("F2", CultureInfo.InvariantCulture);
        return text == "-0.00" ? "0.00" : text;
    }

    /// <summary>A byte count in the largest binary unit that keeps it at or above 1.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double size = bytes;
        var unit = 0;
        while (size >= 1024 && unit < units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{size:F1} {units[unit]}");
    }

    /// <summary>A duration as milliseconds below a second, else as seconds with two decimals.</summary>
    public static string Duration(TimeSpan duration) => duration.TotalSeconds < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:F0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:N2} s");

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
