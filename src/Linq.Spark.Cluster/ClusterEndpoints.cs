using Orleans.Configuration;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Net.Sockets;

namespace Linq.Spark.Cluster;

/// <summary>
/// Addresses and Orleans settings every cluster process shares: a master at HOST:PORT takes workers (silos) at PORT and
/// drivers (Orleans clients, through its gateway) at PORT + 1, or, for <c>redis://HOST:PORT</c>, the membership is a
/// table in that Redis server and every silo is a gateway; failure detection tuned to declare a dead worker in a few
/// seconds (Orleans' defaults take 6–11 s).
/// </summary>
internal static class ClusterEndpoints
{
    public const string ClusterId = "linq-spark";
    public const string ServiceId = "linq-spark";

    /// <summary>Silo names of workers start with this; the master's is "master".</summary>
    public const string WorkerNamePrefix = "worker-";

    /// <summary>How a cluster address names a membership kept in Redis: <c>redis://HOST:PORT</c>.</summary>
    public const string RedisScheme = "redis://";

    /// <summary>The Redis connection of an address <c>redis://HOST:PORT[,options]</c>, or null for a master's HOST:PORT.</summary>
    public static string? Redis(string address)
    {
        if (!address.StartsWith(RedisScheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var connection = address[RedisScheme.Length..];
        return connection.Length > 0 ? connection : throw new ArgumentException($"The cluster address '{address}' names no Redis server (redis://HOST:PORT).", nameof(address));
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="address"/> is HOST:PORT or <c>redis://HOST:PORT</c>.</summary>
    public static void Check(string address)
    {
        if (Redis(address) is null)
        {
            _ = Master(address);
        }
    }

    /// <summary>
    /// A silo's membership: the table in Redis for <c>redis://HOST:PORT</c> (any silo may start first, and none is
    /// special), or the master's development clustering for HOST:PORT.
    /// </summary>
    public static void UseMembership(ISiloBuilder silo, string address)
    {
        if (Redis(address) is { } redis)
        {
            silo.UseRedisClustering(redis);
        }
        else
        {
            silo.UseDevelopmentClustering(Master(address));
        }
    }

    /// <summary>A driver's way to the cluster: every silo's gateway listed in Redis, or the master's gateway (its port + 1).</summary>
    public static void UseMembership(IClientBuilder client, string address)
    {
        if (Redis(address) is { } redis)
        {
            client.UseRedisClustering(redis);
        }
        else
        {
            client.UseStaticClustering(Gateway(Master(address)));
        }
    }

    /// <summary>The master's silo endpoint from "HOST:PORT".</summary>
    public static IPEndPoint Master(string master)
    {
        var colon = master.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(master.AsSpan(colon + 1), out var port) || port is <= 0 or >= 65535)
        {
            throw new ArgumentException($"The master address '{master}' is not HOST:PORT (for example localhost:7077).", nameof(master));
        }

        var host = master[..colon];
        var address = IPAddress.TryParse(host, out var parsed)
            ? parsed
            : Dns.GetHostAddresses(host).OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault()
                ?? throw new ArgumentException($"The master host '{host}' does not resolve to an address.", nameof(master));
        return new IPEndPoint(address, port);
    }

    /// <summary>The master's gateway, where drivers connect.</summary>
    public static IPEndPoint Gateway(IPEndPoint master) => new(master.Address, master.Port + 1);

    /// <summary>A port free now on <paramref name="address"/> (for a silo, which cannot listen on port 0).</summary>
    public static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Warnings and errors only, without Orleans' note that server GC is off (the engine's executors are its own
    /// threads) and its watchdog's first check at start-up, which reports the time since the clock's epoch.
    /// </summary>
    public static void QuietLogging(Microsoft.Extensions.Logging.ILoggingBuilder logging)
    {
        logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        logging.AddFilter("Orleans.Runtime.Silo", Microsoft.Extensions.Logging.LogLevel.Error);
        logging.AddFilter("Orleans.Runtime.Watchdog", Microsoft.Extensions.Logging.LogLevel.Error);
    }

    /// <summary>The membership and failure-detection settings of every silo.</summary>
    public static void Configure(ISiloBuilder silo, string name)
    {
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ServiceId));
        silo.Configure<SiloOptions>(o => o.SiloName = name);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            // A killed worker's connection is refused at once on one machine; probes a second apart, two missed, one
            // vote, declare it dead in about two to three seconds without false deaths under a busy 2-core machine.
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
        });
        silo.Services.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
    }
}
