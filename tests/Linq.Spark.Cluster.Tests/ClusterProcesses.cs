using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Linq.Spark.Cluster.Tests;

/// <summary>
/// A master and two one-thread workers as real processes of this build's <c>linq-spark</c> tool on localhost, started
/// once per test class and stopped by PID however the tests end (also when the test process exits).
/// </summary>
public class ClusterProcesses : IAsyncLifetime
{
    private readonly List<Process> _processes = [];
    private readonly Dictionary<Process, System.Text.StringBuilder> _outputs = [];

    /// <summary>The master's HOST:PORT (or, for a membership in Redis, redis://HOST:PORT).</summary>
    public string Master { get; protected set; } = string.Empty;

    /// <summary>A session connected to the cluster (both workers joined), with default options.</summary>
    public SparkSession Session { get; protected set; } = null!;

    /// <summary>The master's process.</summary>
    public Process MasterProcess => _processes[0];

    /// <summary>The workers' processes.</summary>
    public IReadOnlyList<Process> Workers => _processes.Skip(1).ToList();

    /// <summary>What a started process wrote so far, stdout and stderr.</summary>
    public string OutputOf(Process process)
    {
        var output = _outputs[process];
        lock (output)
        {
            return output.ToString();
        }
    }

    public virtual async Task InitializeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit += KillAll;
        var port = FreePortPair();
        Master = $"localhost:{port}";
        await StartAsync(["master", "--port", $"{port}", .. SecurityArguments], "master listening");
        await StartWorkersAsync();
    }

    /// <summary>Starts two one-thread workers that join <see cref="Master"/>, and connects <see cref="Session"/>.</summary>
    protected async Task StartWorkersAsync()
    {
        await Task.WhenAll(
            StartAsync(["worker", "--master", Master, "--threads", "1", .. SecurityArguments], "joined"),
            StartAsync(["worker", "--master", Master, "--threads", "1", .. SecurityArguments], "joined"));
        Session = await ConnectAsync();
    }

    /// <summary>Another session on the same cluster.</summary>
    public Task<SparkSession> ConnectAsync(SparkOptions? options = null) =>
        ClusterConnection.ConnectAsync(Master, options, workers: 2, TimeSpan.FromSeconds(60), CancellationToken.None, Tls);

    /// <summary>The cluster's TLS, which the driver's sessions use too (null: plain connections).</summary>
    public virtual ClusterTls? Tls => null;

    /// <summary>What the master and the workers are started with besides their own options (a TLS certificate).</summary>
    protected virtual string[] SecurityArguments => [];

    /// <summary>Starts one more process of the tool and waits for its line saying it runs.</summary>
    public Task<Process> StartAsync(string[] arguments, string ready) => StartProgramAsync("dotnet", ["exec", ToolPath(), .. arguments], ready);

    /// <summary>Starts a program (stopped by PID with the others) and waits for its line saying it runs.</summary>
    protected async Task<Process> StartProgramAsync(string program, string[] arguments, string ready)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} could not be started ({e.Message}); .ci/run installs what the tests need.", e);
        }

        lock (_processes)
        {
            _processes.Add(process);
        }

        var output = new System.Text.StringBuilder();
        lock (_processes)
        {
            _outputs[process] = output;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains(ready, StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(started.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != started.Task)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} did not start: {output}");
        }

        return process;
    }

    public virtual Task DisposeAsync()
    {
        Session?.Dispose();
        KillAll(null, EventArgs.Empty);
        AppDomain.CurrentDomain.ProcessExit -= KillAll;
        return Task.CompletedTask;
    }

    protected void KillAll(object? sender, EventArgs e)
    {
        lock (_processes)
        {
            foreach (var process in _processes)
            {
                try
                {
                    if (!process.HasExited)
                    {
                        process.Kill(entireProcessTree: true);
                        process.WaitForExit(10_000);
                    }
                }
                catch (InvalidOperationException)
                {
                    // It exited between the check and the kill.
                }
            }
        }
    }

    /// <summary>This build's linq-spark.dll, beside the CLI project's own output for the configuration the tests run in.</summary>
    private static string ToolPath()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var (framework, configuration) = (here.Name, here.Parent!.Name);
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Linq.Spark.sln")))
        {
            root = root.Parent;
        }

        var tool = Path.Combine(root?.FullName ?? throw new InvalidOperationException("The repository root was not found."), "src", "Linq.Spark.Cli", "bin", configuration, framework, "linq-spark.dll");
        return File.Exists(tool) ? tool : throw new FileNotFoundException($"Build the CLI first: {tool} is missing.", tool);
    }

    /// <summary>A port whose next port is free too (the master takes both).</summary>
    protected static int FreePortPair()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            var port = ((IPEndPoint)first.LocalEndpoint).Port;
            try
            {
                using var second = new TcpListener(IPAddress.Loopback, port + 1);
                second.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException("No two free consecutive ports were found.");
    }
}
