namespace Linq.Spark.UI.Tests.Infrastructure;

/// <summary>Where the tests find the system's Chromium: LINQSPARK_CHROMIUM, else Debian's /usr/bin/chromium; no browser is ever downloaded.</summary>
internal static class Chromium
{
    public const string EnvironmentVariable = "LINQSPARK_CHROMIUM";

    public static string Path()
    {
        var path = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"The UI tests drive a headless Chromium and found none at {path}. Install it (Debian: apt-get install chromium) "
                + $"or set {EnvironmentVariable} to the browser's executable.");
    }
}
