using System.Collections.Concurrent;
using Apache.Arrow.Flight.Client;
using Linq.Spark.Execution.Blocks;
using Linq.Spark.Execution.Remote;

namespace Linq.Spark.Cluster;

/// <summary>
/// A worker's state, shared by its executor grain and its Flight endpoint: the executor (task slots, memory, blocks),
/// the applications' assemblies, task outcomes too large for a grain call waiting to be fetched, and Flight clients of
/// the other workers whose blocks its reducers read. An executor's id is its Flight address, so a map status names
/// where its blocks are served.
/// </summary>
internal sealed class Worker : IRemoteBlocks, IDisposable
{
    private readonly ConcurrentDictionary<string, (Grpc.Net.Client.GrpcChannel Channel, FlightClient Client)> _peers = new();
    private readonly ConcurrentDictionary<string, byte[]> _outcomes = new();
    private readonly TaskCompletionSource<ExecutorRuntime> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ExecutorRuntime? _executor;
    private long _nextOutcome;

    public Worker(WorkerOptions options) => Options = options;

    public WorkerOptions Options { get; }

    /// <summary>The executor; it exists once the Flight endpoint is listening (<see cref="Start"/>).</summary>
    public ExecutorRuntime Executor => _executor ?? throw new InvalidOperationException("The worker has not started.");

    public Applications Applications { get; } = new();

    /// <summary>The executor, once the worker has started (a driver may see the silo join a moment before).</summary>
    public Task<ExecutorRuntime> Ready => _ready.Task;

    /// <summary>Creates the executor, named by the address its blocks are served at.</summary>
    public void Start(string flightAddress)
    {
        _executor = new ExecutorRuntime(flightAddress, Options.EffectiveThreads, Options.EffectiveMemory, Options.LocalDirectory, this);
        _ready.SetResult(_executor);
    }

    /// <summary>Keeps a task outcome for the driver to fetch; returns its ticket.</summary>
    public string KeepOutcome(byte[] outcome)
    {
        var ticket = $"outcome|{Interlocked.Increment(ref _nextOutcome)}";
        _outcomes[ticket] = outcome;
        return ticket;
    }

    /// <summary>Hands over a kept outcome, once.</summary>
    public byte[] TakeOutcome(string ticket) =>
        _outcomes.TryRemove(ticket, out var outcome) ? outcome : throw new InvalidOperationException($"No task outcome is kept under {ticket}.");

    public IEnumerable<(byte[] Rows, byte[]? Keys)> Fetch(string executorId, IReadOnlyList<ShuffleBlockId> blocks, CancellationToken cancellation)
    {
        if (blocks.Count == 0)
        {
            return [];
        }

        var client = _peers.GetOrAdd(executorId, address =>
        {
            var channel = FlightBytes.Channel(address, Options.Tls);
            return (channel, new FlightClient(channel));
        }).Client;
        return BlockTickets.FetchAsync(client, blocks, cancellation).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _executor?.Dispose();
        Applications.Dispose();
        foreach (var (channel, _) in _peers.Values)
        {
            channel.Dispose();
        }
    }
}

/// <summary>How a worker runs.</summary>
internal sealed record WorkerOptions
{
    /// <summary>Task slots (0 = one per processor).</summary>
    public int Threads { get; init; }

    /// <summary>Executor memory in bytes (0 = the engine's default share of the machine).</summary>
    public long MemoryBytes { get; init; }

    /// <summary>TLS for the worker's silo, its Flight endpoint and its calls to other workers (null: plain connections).</summary>
    public ClusterTls? Tls { get; init; }

    /// <summary>Where spill and shuffle files go (null: the temporary directory).</summary>
    public string? LocalDirectory { get; init; }

    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    public long EffectiveMemory => MemoryBytes > 0 ? MemoryBytes : new SparkOptions().EffectiveExecutorMemory;
}
