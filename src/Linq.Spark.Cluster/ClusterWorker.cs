using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linq.Spark.Cluster;

/// <summary>
/// A worker of a Linq.Spark cluster: an Orleans silo that joins the master and hosts this worker's executor (task slots
/// and memory), and an Arrow Flight endpoint on Kestrel (HTTP/2) that serves its shuffle blocks.
/// </summary>
public sealed class ClusterWorker : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Worker _worker;

    private ClusterWorker(WebApplication app, Worker worker)
    {
        _app = app;
        _worker = worker;
    }

    /// <summary>The executor's id: the address its blocks are served at.</summary>
    public string ExecutorId => _worker.Executor.ExecutorId;

    /// <summary>Starts a worker that joins the cluster at <paramref name="master"/>: a master's HOST:PORT, or <c>redis://HOST:PORT</c>.</summary>
    /// <param name="master">The master's address, or the Redis server that keeps the membership.</param>
    /// <param name="threads">Task slots (0 = one per processor).</param>
    /// <param name="memoryBytes">Executor memory (0 = the default share of this machine's memory).</param>
    /// <param name="flightPort">The port of the block endpoint (0 = any free port).</param>
    /// <param name="address">The address to listen on (loopback by default).</param>
    /// <param name="tls">TLS for the cluster's connections and the Flight endpoint (null: plain connections).</param>
    /// <param name="cancellation">Stops waiting for the start.</param>
    public static async Task<ClusterWorker> StartAsync(
        string master, int threads = 0, long memoryBytes = 0, int flightPort = 0, IPAddress? address = null, ClusterTls? tls = null, CancellationToken cancellation = default)
    {
        ClusterEndpoints.Check(master);
        var bind = address ?? IPAddress.Loopback;
        var worker = new Worker(new WorkerOptions { Threads = threads, MemoryBytes = memoryBytes, Tls = tls });
        var builder = WebApplication.CreateSlimBuilder();
        ClusterEndpoints.QuietLogging(builder.Logging);
        builder.WebHost.ConfigureKestrel(k => k.Listen(bind, flightPort, o =>
        {
            o.Protocols = HttpProtocols.Http2;
            tls?.Apply(o);
        }));
        builder.Services.AddSingleton(worker);
        builder.Services.AddGrpc(o => (o.MaxReceiveMessageSize, o.MaxSendMessageSize) = (FlightBytes.MaxMessageBytes, FlightBytes.MaxMessageBytes))
            .AddFlightServer<ExecutorFlightServer>();
        var siloPort = ClusterEndpoints.FreePort(bind);
        builder.UseOrleans(silo =>
        {
            // In Redis membership every silo is a gateway a driver may use; under a master only the master is.
            silo.ConfigureEndpoints(bind, siloPort, ClusterEndpoints.Redis(master) is null ? 0 : ClusterEndpoints.FreePort(bind));
            ClusterEndpoints.UseMembership(silo, master);
            tls?.Apply(silo);
            ClusterEndpoints.Configure(silo, $"{ClusterEndpoints.WorkerNamePrefix}{Environment.ProcessId}-{siloPort}");
        });
        var app = builder.Build();
        app.MapFlightEndpoint();

        // The executor is named by its block endpoint, so it exists once Kestrel has bound; the silo joins after.
        var started = false;
        try
        {
            await app.StartAsync(cancellation).ConfigureAwait(false);
            started = true;
        }
        finally
        {
            if (!started)
            {
                await app.DisposeAsync().ConfigureAwait(false);
                worker.Dispose();
            }
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        worker.Start($"{(tls is null ? "http" : "https")}://{FormatHost(bind)}:{new Uri(bound).Port}");
        return new ClusterWorker(app, worker);
    }

    /// <summary>Leaves the cluster and deletes the worker's blocks and files.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _worker.Dispose();
    }

    private static string FormatHost(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
