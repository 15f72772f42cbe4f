namespace Linq.Spark.Cluster.Tests;

/// <summary>
/// A cluster whose membership is kept in a real Redis server (Debian's redis-server, started on a free port without
/// persistence) and two one-thread workers that join it with <c>--master redis://HOST:PORT</c>; no master process.
/// Every process is stopped by PID however the tests end.
/// </summary>
public sealed class RedisClusterProcesses : ClusterProcesses
{
    /// <summary>The Redis server's HOST:PORT.</summary>
    public string Redis { get; private set; } = string.Empty;

    public override async Task InitializeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit += KillAll;
        var port = FreePortPair();
        Redis = $"127.0.0.1:{port}";
        await StartProgramAsync("redis-server", ["--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], "Ready to accept connections");
        Master = $"redis://{Redis}";
        await StartWorkersAsync();
    }
}
