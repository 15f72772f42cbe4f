using System.Globalization;

namespace Linq.Spark.Cli.Tpch;

/// <summary>Formats result values as culture-independent text: dates as yyyy-MM-dd, doubles round-trippable.</summary>
internal static class CellText
{
    public static string Format(object? value) => value switch
    {
        null => "",
        string text => text,
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

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
