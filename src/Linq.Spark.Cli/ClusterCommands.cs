using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Linq.Spark.Cluster;

namespace Linq.Spark.Cli;

/// <summary>`linq-spark master` and `linq-spark worker`: the processes of a cluster, each running until Ctrl+C or SIGTERM.</summary>
internal static class ClusterCommands
{
    public static Command Master()
    {
        var port = new Option<int>("--port") { Description = "The port workers join at; drivers connect at the next one.", DefaultValueFactory = _ => 7077 };
        var host = HostOption();
        var redis = new Option<string?>("--redis") { Description = "Keep the membership in this Redis server (HOST:PORT) instead of the master; workers and drivers then use redis://HOST:PORT." };
        var tls = TlsOption();
        var command = new Command("master", "Start a cluster's master: the membership that workers join and drivers connect to.") { port, host, redis, tls };
        command.SetAction(result =>
        {
            var chosen = CheckPort("--port", result.GetValue(port), allowZero: false);
            var address = CheckHost(result.GetValue(host)!);
            var store = result.GetValue(redis);
            var security = LoadTls(result.GetValue(tls));
            return RunUntilStopped(
                async () => await ClusterMaster.StartAsync(chosen, address, store, security).ConfigureAwait(false),
                master => store is null
                    ? $"master listening at {master.Endpoint} (drivers: SparkSession.Connect(\"localhost:{master.Endpoint.Port}\"))"
                    : $"master listening at {master.Endpoint}, membership in Redis at {store} (workers and drivers: redis://{store})",
                result.InvocationConfiguration.Output);
        });
        return command;
    }

    public static Command Worker()
    {
        var master = new Option<string>("--master") { Description = "The master's HOST:PORT, or redis://HOST:PORT for a membership kept in Redis.", Required = true };
        var threads = new Option<int>("--threads") { Description = ThreadsArgument.Description, DefaultValueFactory = _ => 0 };
        var memory = new Option<long>("--memory") { Description = "Executor memory in bytes (0 = a default share of this machine's memory).", DefaultValueFactory = _ => 0 };
        var flightPort = new Option<int>("--flight-port") { Description = "The port the worker serves its shuffle blocks at (0 = any free port).", DefaultValueFactory = _ => 0 };
        var host = HostOption();
        var tls = TlsOption();
        var command = new Command("worker", "Start a worker: an executor that joins the master and runs drivers' tasks.") { master, threads, memory, flightPort, host, tls };
        command.SetAction(result =>
        {
            var (address, slots, bytes, flight) = (result.GetValue(master)!, ThreadsArgument.Check(result.GetValue(threads)), result.GetValue(memory), CheckPort("--flight-port", result.GetValue(flightPort), allowZero: true));
            var listen = CheckHost(result.GetValue(host)!);
            var security = LoadTls(result.GetValue(tls));
            if (bytes < 0)
            {
                throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--memory: {bytes} is negative; give bytes, or 0 for the default."));
            }

            return RunUntilStopped(
                async () => await ClusterWorker.StartAsync(address, slots, bytes, flight, listen, security).ConfigureAwait(false),
                worker => $"worker {worker.ExecutorId} joined the cluster at {address}",
                result.InvocationConfiguration.Output);
        });
        return command;
    }

    /// <summary>`--tls-certificate PATH`: the cluster's certificate (PKCS #12), its password in LINQSPARK_TLS_PASSWORD.</summary>
    public static Option<string?> TlsOption() => new("--tls-certificate")
    {
        Description = "Use TLS for the cluster's connections with this PKCS #12 (.pfx) certificate, the same in every process of the cluster (its password, if any, in the environment variable LINQSPARK_TLS_PASSWORD).",
    };

    /// <summary>The cluster's TLS from `--tls-certificate`, or null; a file that is missing or unreadable is a usage error naming it.</summary>
    public static ClusterTls? LoadTls(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return ClusterTls.Load(path, Environment.GetEnvironmentVariable("LINQSPARK_TLS_PASSWORD"));
        }
        catch (Exception e) when (e is IOException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            throw new CliUsageException($"--tls-certificate {path}: {e.Message}");
        }
    }

    private static Option<string> HostOption() => new("--host")
    {
        Description = "The address this process listens on and the others reach it at (default 127.0.0.1: this machine only).",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    private static System.Net.IPAddress CheckHost(string host) =>
        System.Net.IPAddress.TryParse(host, out var address) && !address.Equals(System.Net.IPAddress.Any) && !address.Equals(System.Net.IPAddress.IPv6Any)
            ? address
            : throw new CliUsageException($"--host: '{host}' is not an address others can reach; give this machine's IP address, such as 10.0.0.2 (default 127.0.0.1).");

    private static int CheckPort(string option, int port, bool allowZero) =>
        port is >= 1 and <= 65534 || (allowZero && port == 0)
            ? port
            : throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"{option}: {port} is not a port (1 to 65534{(allowZero ? ", or 0 for any" : string.Empty)})."));

    /// <summary>Starts a process's part of the cluster, says so on one line, and stops it cleanly on Ctrl+C or SIGTERM.</summary>
    private static int RunUntilStopped<T>(Func<Task<T>> start, Func<T, string> describe, TextWriter? output)
        where T : IAsyncDisposable
    {
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        T running;
        try
        {
            running = start().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException or TimeoutException or OrleansException or IOException)
        {
            throw new CliUsageException(e.Message);
        }

        (output ?? Console.Out).WriteLine(describe(running));
        (output ?? Console.Out).Flush();
        try
        {
            Task.Delay(Timeout.Infinite, stop.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: stop below.
        }

        running.DisposeAsync().AsTask().GetAwaiter().GetResult();
        (output ?? Console.Out).WriteLine("stopped");
        return 0;
    }
}
