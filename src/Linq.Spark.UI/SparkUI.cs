using System.Net;
using Linq.Spark.UI.Api;
using Linq.Spark.UI.Pages;
using Linq.Spark.UI.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Linq.Spark;

/// <summary>
/// A session's web UI, as Spark's on port 4040: jobs, their stage DAGs, stages with their tasks and timelines, plans,
/// and executor slots, served by an in-process Kestrel server until the UI is disposed.
/// </summary>
/// <remarks>
/// Start one with <see cref="SparkSessionUIExtensions.StartUI"/>. It records the session's events from then on (the
/// last <see cref="SparkOptions.RetainedJobs"/> finished jobs and at most 1,000 task attempts per stage) and serves
/// them as server-rendered HTML with a JSON API under <c>/api/v1</c>. Disposing it stops the server; the session goes
/// on without it.
/// </remarks>
public sealed class SparkUI : IDisposable, IAsyncDisposable
{
    /// <summary>How many ports after the requested one are tried when it is taken, as Spark's spark.port.maxRetries.</summary>
    public const int MaxPortRetries = 16;

    private readonly WebApplication _app;
    private readonly AppStatusStore _store;
    private readonly SparkSession _session;
    private int _disposed;

    private SparkUI(WebApplication app, AppStatusStore store, SparkSession session, Uri url)
    {
        _app = app;
        _store = store;
        _session = session;
        Url = url;
    }

    /// <summary>The address the UI is served at, such as http://127.0.0.1:4040/.</summary>
    public Uri Url { get; }

    /// <summary>The port the UI listens on: the requested one, a later one if that was taken, or the one chosen for port 0.</summary>
    public int Port => Url.Port;

    /// <summary>Starts a UI for <paramref name="session"/> on <paramref name="address"/> (loopback when null) and the first free port from <paramref name="port"/> on.</summary>
    internal static async Task<SparkUI> StartAsync(SparkSession session, int port, string? address)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        var ip = ParseAddress(address);
        var options = session.Options;
        var store = new AppStatusStore(
            options.ExecutorThreads > 0 ? options.ExecutorThreads : Environment.ProcessorCount,
            options.RetainedJobs);
        var tried = new List<int>();
        for (var attempt = 0; attempt <= MaxPortRetries; attempt++)
        {
            var candidate = port == 0 ? 0 : port + attempt;
            if (candidate > IPEndPoint.MaxPort)
            {
                break;
            }

            tried.Add(candidate);
            var app = Build(ip, candidate, store, session);
            try
            {
                await app.StartAsync().ConfigureAwait(false);
            }
            catch (IOException) when (port != 0)
            {
                // Taken (Kestrel's AddressInUseException is an IOException): try the next port, as Spark does.
                await app.DisposeAsync().ConfigureAwait(false);
                continue;
            }
            catch
            {
                // Any other failure to start ends the attempt: the server it built goes with it.
                await app.DisposeAsync().ConfigureAwait(false);
                store.Stop();
                throw;
            }

            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            session.AddListener(store);
            var host = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
            return new SparkUI(app, store, session, new Uri($"http://{host}:{new Uri(bound).Port}/"));
        }

        store.Stop();
        throw new IOException($"The Linq.Spark UI could not bind {ip} on any of the ports {string.Join(", ", tried)}: all were in use.");
    }

    /// <summary>Stops the server and the recording of events.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Stops the server and the recording of events.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _session.RemoveListener(_store);
        _store.Stop();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static IPAddress ParseAddress(string? address)
    {
        if (address is null || address.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(address, out var ip)
            ? ip
            : throw new ArgumentException($"'{address}' is not an IP address; give one such as 127.0.0.1 or 0.0.0.0 (every interface), or null for loopback.", nameof(address));
    }

    private static WebApplication Build(IPAddress ip, int port, AppStatusStore store, SparkSession session)
    {
        // The empty builder reads no configuration, environment variables or appsettings.json of the host application.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(SparkUI).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(ip, port);
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddRoutingCore();
        // Not the console lifetime: Ctrl+C belongs to the application that started the UI, not to the UI.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        var app = builder.Build();
        app.UseRouting();
        app.Use(static (context, next) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return next(context);
        });
        UIPages.Map(app, store, session);
        StatusApi.Map(app, store);
        app.MapFallback(UIPages.Fallback);
        return app;
    }

    /// <summary>A host lifetime that leaves process signals alone: the UI lives inside someone else's application.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
