namespace Linq.Spark.Cluster;

/// <summary>Makes a session on a cluster: the backend connected, the session's parallelism the workers' slots together.</summary>
internal static class ClusterConnection
{
    public static async Task<SparkSession> ConnectAsync(string master, SparkOptions? options, int workers, TimeSpan wait, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(master);
        var backend = await ClusterBackend.ConnectAsync(master, workers, wait, cancellation).ConfigureAwait(false);
        try
        {
            return SparkSession.OnCluster((options ?? new SparkOptions()) with { ExecutorThreads = backend.Slots }, backend);
        }
        catch
        {
            backend.Dispose();
            throw;
        }
    }
}
