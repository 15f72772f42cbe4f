using System.Globalization;
using System.Net;

namespace Linq.Spark.UI.Pages;

/// <summary>How pages write values: HTML-escaped text, and durations, sizes, counts and times the way Spark's UI writes them.</summary>
internal static class Format
{
    /// <summary>Escapes text for HTML content and attribute values (operator text holds &lt;, &gt; and &amp;&amp;).</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Duration(TimeSpan duration) => duration.TotalMilliseconds switch
    {
        < 1_000 => $"{Math.Max(0, duration.TotalMilliseconds).ToString("0", CultureInfo.InvariantCulture)} ms",
        < 60_000 => $"{duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
        < 3_600_000 => $"{duration.TotalMinutes.ToString("0.0", CultureInfo.InvariantCulture)} min",
        _ => $"{duration.TotalHours.ToString("0.0", CultureInfo.InvariantCulture)} h",
    };

    public static string Duration(TimeSpan? duration) => duration is { } d ? Duration(d) : "";

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString(CultureInfo.InvariantCulture)} B",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} KiB",
        < 1024L * 1024 * 1024 => $"{(bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture)} MiB",
        _ => $"{(bytes / (1024.0 * 1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture)} GiB",
    };

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? time) => time is { } t ? Time(t) : "";

    /// <summary>An executor slot's name: its number, or "caller" for the thread that called the action.</summary>
    public static string Slot(int slot) => slot < 0 ? "caller" : slot.ToString(CultureInfo.InvariantCulture);

    /// <summary>A number for CSS or SVG, with a dot whatever the culture.</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A status as a coloured label; its class names the status for the stylesheet and for tests.</summary>
    public static string StatusLabel(string status) => $"<span class=\"status status-{status.ToLowerInvariant()}\">{E(status)}</span>";

    /// <summary>A bar of done and running tasks out of all, with the counts written over it.</summary>
    public static string Progress(int done, int running, int total, int failed)
    {
        var donePercent = total == 0 ? 100 : 100.0 * done / total;
        var runningPercent = total == 0 ? 0 : 100.0 * Math.Min(running, total - done) / total;
        var text = $"{done}/{total}" + (running > 0 ? $" ({running} running)" : "") + (failed > 0 ? $" ({failed} failed)" : "");
        return $"<div class=\"progress\" title=\"{E(text)}\"><div class=\"bar-done\" style=\"width:{N(donePercent)}%\"></div>"
            + $"<div class=\"bar-running\" style=\"width:{N(runningPercent)}%\"></div><span class=\"progress-text\">{E(text)}</span></div>";
    }
}
