using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linq.Spark.Cluster;

/// <summary>
/// The master of a Linq.Spark cluster: the Orleans membership primary that workers join (at its port) and drivers
/// connect to (at its port + 1). It runs no tasks.
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
    public static async Task<ClusterMaster> StartAsync(int port = 7077, IPAddress? address = null, CancellationToken cancellation = default)
    {
        var endpoint = new IPEndPoint(address ?? IPAddress.Loopback, port);
        var builder = Host.CreateApplicationBuilder();
        ClusterEndpoints.QuietLogging(builder.Logging);
        builder.UseOrleans(silo =>
        {
            silo.ConfigureEndpoints(endpoint.Address, port, port + 1);
            silo.UseDevelopmentClustering(endpoint);
            ClusterEndpoints.Configure(silo, "master");
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
