namespace Linq.Spark;

/// <summary>Starts a session's web UI: <c>using var ui = spark.StartUI();</c> then open <see cref="SparkUI.Url"/>.</summary>
public static class SparkSessionUIExtensions
{
    /// <summary>
    /// Serves the session's jobs, stages, tasks, plans and executors over HTTP on <paramref name="port"/> (4040, as
    /// Spark; the next of up to 16 ports when it is taken; 0 for any free port) at <paramref name="address"/>
    /// (127.0.0.1 when null, so only this machine can connect); dispose the result to stop it.
    /// </summary>
    public static SparkUI StartUI(this SparkSession session, int port = 4040, string? address = null) =>
        SparkUI.StartAsync(session, port, address).GetAwaiter().GetResult();
}
