using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linq.Spark.Cluster;

/// <summary>
/// The master of a Linq.Spark cluster: the Orleans membership primary that workers join (at its port) and drivers
/// connect to (at its port + 1), or, with the membership in Redis, one more member and gateway. It runs no tasks.
/// </summary>
public sealed class ClusterMaster : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterMaster(IHost host, IPEndPoint endpoint)
    {
        _host = host;
        Endpoint = endpoint;
    }

    /// <summary>The address workers join and drivers connect to (the gateway is the next port).</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>Starts a master listening on <paramref name="address"/> (loopback by default) at <paramref name="port"/> and the port after it.</summary>
    /// <param name="port">The port workers join at; drivers connect at the next one.</param>
    /// <param name="address">The address to listen on.</param>
    /// <param name="redis">The Redis server (HOST:PORT) that keeps the membership, or null for the master's own.</param>
    /// <param name="tls">TLS for the cluster's connections (null: plain connections).</param>
    /// <param name="cancellation">Stops waiting for the start.</param>
    public static async Task<ClusterMaster> StartAsync(int port = 7077, IPAddress? address = null, string? redis = null, ClusterTls? tls = null, CancellationToken cancellation = default)
    {
        var endpoint = new IPEndPoint(address ?? IPAddress.Loopback, port);
        var builder = Host.CreateApplicationBuilder();
        ClusterEndpoints.QuietLogging(builder.Logging);
        builder.UseOrleans(silo =>
        {
            silo.ConfigureEndpoints(endpoint.Address, port, port + 1);
            ClusterEndpoints.UseMembership(silo, redis is null ? $"{endpoint.Address}:{port}" : ClusterEndpoints.RedisScheme + redis);
            ClusterEndpoints.Configure(silo, "master");
            tls?.Apply(silo);
        });
        var host = builder.Build();
        await host.StartAsync(cancellation).ConfigureAwait(false);
        return new ClusterMaster(host, endpoint);
    }

    /// <summary>Stops the master; workers and drivers lose the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }
}
