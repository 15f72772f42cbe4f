namespace Linq.Spark;

/// <summary>Cluster mode's entry point on <see cref="SparkSession"/>.</summary>
public static class ClusterSessions
{
    extension(SparkSession)
    {
        /// <summary>A session whose tasks run on the workers of the cluster at <paramref name="master"/>: a master's HOST:PORT, or redis://HOST:PORT for a membership kept in Redis.</summary>
        /// <remarks>Waits up to 30 seconds for a worker to join. Without <paramref name="options"/>, a task gets four attempts (Spark's spark.task.maxFailures on a cluster), and a retry avoids the executors it failed on. Everything else — queries, Explain, jobs, listeners, cancellation — works as in a local session. With <paramref name="tls"/>, the connections to the cluster use TLS with the cluster's certificate (see <see cref="Cluster.ClusterTls"/>).</remarks>
        public static SparkSession Connect(string master, SparkOptions? options = null, Cluster.ClusterTls? tls = null) =>
            Cluster.ClusterConnection.ConnectAsync(master, options, workers: 1, TimeSpan.FromSeconds(30), CancellationToken.None, tls).GetAwaiter().GetResult();
    }
}
