namespace Linq.Spark.Cluster;

/// <summary>Makes a session on a cluster: the backend connected, the session's parallelism the workers' slots together.</summary>
internal static class ClusterConnection
{
    /// <summary>A cluster session's options when the caller gives none: a task gets four attempts, as in Spark on a cluster, since a worker can fail on its own.</summary>
    public static SparkOptions ClusterDefaults { get; } = new() { MaxTaskFailures = 4 };

    public static async Task<SparkSession> ConnectAsync(string master, SparkOptions? options, int workers, TimeSpan wait, CancellationToken cancellation, ClusterTls? tls = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(master);
        var backend = await ClusterBackend.ConnectAsync(master, workers, wait, tls, cancellation).ConfigureAwait(false);
        try
        {
            return SparkSession.OnCluster((options ?? ClusterDefaults) with { ExecutorThreads = backend.Slots }, backend);
        }
        catch
        {
            backend.Dispose();
            throw;
        }
    }
}
