using Orleans.Configuration;
using System.Collections.Concurrent;
using System.Reflection;
using Apache.Arrow.Flight.Client;
using Linq.Spark.Execution;
using Linq.Spark.Execution.Remote;
using Linq.Spark.Execution.Scheduling;
using Linq.Spark.Execution.Shuffle;
using Linq.Spark.Planning.Serialization;
using Linq.Spark.Planning.Stages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linq.Spark.Cluster;

/// <summary>
/// The driver's side of cluster mode (Spark's scheduler backend): an Orleans client of the master, the workers'
/// executors it found there, and for each job what it sent where. Before a job's first task on an executor, the
/// application's assemblies and parallelized collections (once per executor) and the job's plan and values go over
/// the executor's Flight endpoint;
/// each task then is one grain call carrying the task and the map statuses of the shuffles it reads.
/// </summary>
internal sealed class ClusterBackend : IClusterBackend
{
    private static readonly Guid EngineMvid = typeof(SparkSession).Assembly.ManifestModule.ModuleVersionId;

    private readonly IHost _client;
    private readonly string _master;
    private readonly List<RemoteExecutor> _executors;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;
    private readonly ConcurrentDictionary<JobRun, Shipment> _jobs = new();
    private readonly string _applicationId = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<Assembly, Assembly[]> _closures = new();
    private readonly Lock _slots = new();
    private readonly ClusterTls? _tls;
    private TaskCompletionSource _slotFreed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ClusterBackend(IHost client, string master, RemoteExecutor[] executors, ClusterTls? tls)
    {
        _tls = tls;
        _client = client;
        _master = master;
        _executors = [.. executors];
        Slots = executors.Sum(e => e.Description.Threads);
        _watch = WatchMembershipAsync(client.Services.GetRequiredService<IClusterClient>());
    }

    /// <summary>The task slots of the workers there at connection (the session's default parallelism); workers that join later add theirs to the scheduling, not to this.</summary>
    public int Slots { get; }

    /// <summary>Connects to the master at <paramref name="master"/> and waits until <paramref name="workers"/> workers have joined.</summary>
    public static async Task<ClusterBackend> ConnectAsync(string master, int workers, TimeSpan wait, ClusterTls? tls, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder();
        ClusterEndpoints.QuietLogging(builder.Logging);
        builder.UseOrleansClient(client =>
        {
            ClusterEndpoints.UseMembership(client, master);
            tls?.Apply(client);
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterEndpoints.ClusterId, ClusterEndpoints.ServiceId));
            // A task is one grain call that lasts as long as the task.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(30));
        });
        var host = builder.Build();
        try
        {
            using (var starting = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                // The client retries a gateway that refuses it (another TLS certificate, or none) for as long as it may.
                starting.CancelAfter(wait);
                try
                {
                    await host.StartAsync(starting.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    throw NoAnswer(master, wait);
                }
            }

            var cluster = host.Services.GetRequiredService<IClusterClient>();
            var hosts = await WaitForWorkersAsync(cluster, master, workers, wait, cancellation).ConfigureAwait(false);
            var executors = new List<RemoteExecutor>();
            foreach (var silo in hosts)
            {
                var grain = cluster.GetGrain<IExecutorGrain>(silo);
                var description = await grain.Describe().ConfigureAwait(false);
                executors.Add(new RemoteExecutor(executors.Count, silo, grain, description, tls));
            }

            return new ClusterBackend(host, master, [.. executors], tls);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public async Task<(TaskOutcome Outcome, int Slot)> RunAsync(
        JobRun job, Stage stage, int stageId, int partition, int attempt, bool lastOnly, bool keepPartialOutput, int maxTaskFailures, Action<int> started)
    {
        var shipment = _jobs.GetOrAdd(job, j => new Shipment(this, j));
        var executor = await TakeSlotAsync(shipment, stageId, partition, job.Cancellation).ConfigureAwait(false);
        try
        {
            await shipment.SendToAsync(executor).ConfigureAwait(false);
            started(executor.Index);
            var task = RemoteTasks.Task(job, shipment.Key, stage, stageId, partition, attempt, lastOnly, keepPartialOutput, maxTaskFailures, shipment.Allow);
            // A call to a worker that dies is not answered: the membership watch ends it.
            var reply = await executor.Grain.RunTask(shipment.Key, task).WaitAsync(executor.Lost).ConfigureAwait(false);
            var outcome = reply.Outcome ?? await FlightBytes.GetAsync(executor.Flight, reply.Ticket!, job.Cancellation).ConfigureAwait(false);
            var ended = TaskWire.ReadOutcome(outcome, shipment.Allow, executor.Description.ExecutorId, stage.Top.ElementType);
            if (ended.Error is { } error && error is not FetchFailedException and not OperationCanceledException)
            {
                shipment.Failed(executor, stageId, partition);
            }

            return (ended, executor.Index);
        }
        catch (OperationCanceledException) when (executor.IsLost)
        {
            throw new ExecutorLostException($"Executor {executor.Description.ExecutorId} was lost while it ran the task.");
        }
        finally
        {
            ReleaseSlot(executor);
        }
    }

    /// <summary>
    /// A free task slot for the task, as Spark's driver offers tasks only to executors with a free core: tasks wait on
    /// the driver, not in an executor's queue, so a faster executor takes more of them and a failing one can be avoided.
    /// A task runs again on another executor than those it failed on, and an executor on which the job's tasks keep
    /// failing takes none of its tasks while another one can (Spark's exclusion on failure).
    /// </summary>
    private async Task<RemoteExecutor> TakeSlotAsync(Shipment shipment, int stageId, int partition, CancellationToken cancellation)
    {
        while (true)
        {
            Task freed;
            lock (_slots)
            {
                var live = _executors.Where(e => !e.IsLost).ToList();
                if (live.Count == 0)
                {
                    throw new ExecutorLostException(
                        $"No worker is left in the cluster at {_master}: {string.Join(", ", _executors.Select(e => e.Description.ExecutorId))} were lost.",
                        isRetriable: false);
                }

                var allowed = live.Where(e => !shipment.Excludes(e, stageId, partition)).ToList();
                var free = (allowed.Count > 0 ? allowed : live).Where(e => e.Running < e.Description.Threads).MinBy(e => e.Running);
                if (free is not null)
                {
                    free.Running++;
                    return free;
                }

                freed = _slotFreed.Task;
            }

            // A slot frees when a task ends, or when an executor is lost (its tasks end with it).
            await freed.WaitAsync(cancellation).ConfigureAwait(false);
        }
    }

    private void ReleaseSlot(RemoteExecutor executor) => ChangeSlots(() => executor.Running--);

    /// <summary>Changes what the slots are (a task ended, a worker joined) under the slot lock, then wakes the tasks waiting for one.</summary>
    private void ChangeSlots(Action change)
    {
        TaskCompletionSource freed;
        lock (_slots)
        {
            change();
            (freed, _slotFreed) = (_slotFreed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        freed.TrySetResult();
    }

    public void JobEnded(JobRun job)
    {
        if (_jobs.TryRemove(job, out var shipment))
        {
            foreach (var executor in shipment.SentTo)
            {
                _ = executor.Grain.EndJob(shipment.Key);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _watch.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The watch ends by cancellation.
        }

        var executors = Executors();
        try
        {
            Task.WhenAll(executors.Where(e => !e.IsLost).Select(e => e.Grain.EndApplication(_applicationId))).Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // A worker that is gone has nothing left to drop.
        }

        foreach (var executor in executors)
        {
            executor.Dispose();
        }

        _client.StopAsync().Wait(TimeSpan.FromSeconds(10));
        _client.Dispose();
        _stop.Dispose();
    }

    private RemoteExecutor[] Executors()
    {
        lock (_slots)
        {
            return [.. _executors];
        }
    }

    /// <summary>
    /// Follows the cluster's membership (every half second): a worker that is no longer active is lost, its running task
    /// calls end with <see cref="ExecutorLostException"/> (the scheduler runs them again elsewhere) and no task goes to
    /// it; its map outputs are found missing by the reducers that read them. A worker that joins (or comes back, as a new
    /// silo) takes tasks from then on.
    /// </summary>
    private async Task WatchMembershipAsync(IClusterClient cluster)
    {
        var management = cluster.GetGrain<IManagementGrain>(0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var workers = (await management.GetDetailedHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), _stop.Token).ConfigureAwait(false))
                    .Where(h => h.SiloName.StartsWith(ClusterEndpoints.WorkerNamePrefix, StringComparison.Ordinal))
                    .Select(h => h.SiloAddress.ToParsableString())
                    .ToHashSet(StringComparer.Ordinal);
                var known = Executors();
                foreach (var executor in known.Where(e => !e.IsLost && !workers.Contains(e.SiloKey)))
                {
                    executor.MarkLost();
                }

                foreach (var silo in workers.Except(known.Select(e => e.SiloKey), StringComparer.Ordinal))
                {
                    await JoinAsync(cluster, silo).ConfigureAwait(false);
                }

                await Task.Delay(500, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                // The membership did not answer this time, or a new worker was not ready yet; ask again.
            }
        }
    }

    /// <summary>Adds a worker that joined after the connection, and wakes the tasks waiting for a slot.</summary>
    private async Task JoinAsync(IClusterClient cluster, string silo)
    {
        var grain = cluster.GetGrain<IExecutorGrain>(silo);
        var description = await grain.Describe().WaitAsync(TimeSpan.FromSeconds(5), _stop.Token).ConfigureAwait(false);
        ChangeSlots(() => _executors.Add(new RemoteExecutor(_executors.Count, silo, grain, description, _tls)));
    }

    private static async Task<List<string>> WaitForWorkersAsync(IClusterClient cluster, string master, int workers, TimeSpan wait, CancellationToken cancellation)
    {
        var management = cluster.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var answer = management.GetDetailedHosts(onlyActive: true);
            try
            {
                // A grain call waits as long as a task may run; the cluster's first answer waits only as long as asked.
                await answer.WaitAsync(Max(deadline - DateTime.UtcNow, TimeSpan.FromSeconds(1)), cancellation).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw NoAnswer(master, wait);
            }

            var hosts = await answer.ConfigureAwait(false);
            var found = hosts.Where(h => h.SiloName.StartsWith(ClusterEndpoints.WorkerNamePrefix, StringComparison.Ordinal))
                .Select(h => h.SiloAddress.ToParsableString())
                .Order(StringComparer.Ordinal)
                .ToList();
            if (found.Count >= Math.Max(1, workers))
            {
                return found;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"The master at {master} has {found.Count} worker(s); waited {wait.TotalSeconds:0} s for {Math.Max(1, workers)}. Start workers with: linq-spark worker --master {master}");
            }

            await Task.Delay(200, cancellation).ConfigureAwait(false);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeoutException NoAnswer(string master, TimeSpan wait) => new(
        $"The cluster at {master} did not answer within {wait.TotalSeconds:0} s. Check the address, and that the driver uses TLS with the same certificate as the cluster's processes if they use it (--tls-certificate), or not at all if they do not.");

    /// <summary>A worker's executor as the driver uses it.</summary>
    private sealed class RemoteExecutor(int index, string siloKey, IExecutorGrain grain, ExecutorDescription description, ClusterTls? tls) : IDisposable
    {
        private readonly Grpc.Net.Client.GrpcChannel _channel = FlightBytes.Channel(description.FlightAddress, tls);

        private readonly CancellationTokenSource _lost = new();

        /// <summary>The tasks this executor runs now (guarded by the backend's slot lock).</summary>
        public int Running;

        public int Index { get; } = index;

        /// <summary>The worker's silo address, its executor grain's key.</summary>
        public string SiloKey { get; } = siloKey;

        /// <summary>Cancelled when the worker leaves the cluster.</summary>
        public CancellationToken Lost => _lost.Token;

        public bool IsLost => _lost.IsCancellationRequested;

        public void MarkLost() => _lost.Cancel();

        public void Dispose()
        {
            _channel.Dispose();
            _lost.Dispose();
        }

        public IExecutorGrain Grain { get; } = grain;

        public ExecutorDescription Description { get; } = description;

        public FlightClient Flight => field ??= new FlightClient(_channel);

        /// <summary>The application's assemblies this executor has, by MVID.</summary>
        public ConcurrentDictionary<Guid, Lazy<Task>> Assemblies { get; } = new();

        /// <summary>The session's parallelized collections this executor has, by source id.</summary>
        public ConcurrentDictionary<Guid, Lazy<Task>> Sources { get; } = new();
    }

    /// <summary>A job as the driver sends it: its allow-list, its assemblies and payload, the executors that have it, and where its tasks failed.</summary>
    private sealed class Shipment
    {
        /// <summary>Failed tasks of one job after which an executor takes no more of its tasks while another executor can (Spark's stage- and job-level exclusion counts 2).</summary>
        public const int MaxFailuresPerExecutor = 2;

        private readonly ClusterBackend _backend;
        private readonly Lazy<byte[]> _payload;
        private readonly ConcurrentDictionary<RemoteExecutor, Lazy<Task>> _sent = new();
        private readonly Assembly[] _allowed;
        private readonly Assembly[] _assemblies;
        private readonly IReadOnlyList<Sources.IDataSource> _sources;
        private readonly Dictionary<Guid, Lazy<byte[]>> _sourceBytes;
        private readonly Dictionary<RemoteExecutor, int> _failures = [];
        private readonly HashSet<(RemoteExecutor, int, int)> _failedOn = [];

        public Shipment(ClusterBackend backend, JobRun job)
        {
            _backend = backend;
            Key = RemoteTasks.JobKey(backend._applicationId, job);
            Allow = job.BlockTypes.Value;
            _allowed = [.. Allow.Assemblies.Where(a => a != typeof(SparkSession).Assembly)];
            // Worked out once per assembly and session, not per job.
            _assemblies = [.. _allowed.SelectMany(a => backend._closures.GetOrAdd(a, one => Dependencies([one]))).Distinct()];
            _sources = RemoteTasks.SourcesOf(job);

            // Encoded at most once per job, however many executors still lack it.
            _sourceBytes = _sources.ToDictionary(s => s.Id, s => new Lazy<byte[]>(() => SourceWire.Write(s, Allow)));
            _payload = new Lazy<byte[]>(() => JobPayload.Of(job, Allow).ToBytes());

            // A cancelled or failed job stops its running tasks on every executor it reached.
            job.Cancellation.Register(() =>
            {
                foreach (var executor in SentTo)
                {
                    _ = executor.Grain.CancelJob(Key);
                }
            });
        }

        public string Key { get; }

        public TypeAllowList Allow { get; }

        /// <summary>Whether the task of <paramref name="partition"/> in stage <paramref name="stageId"/> should avoid <paramref name="executor"/>: it failed there, or the executor failed <see cref="MaxFailuresPerExecutor"/> of the job's tasks.</summary>
        public bool Excludes(RemoteExecutor executor, int stageId, int partition)
        {
            lock (_failures)
            {
                return _failedOn.Contains((executor, stageId, partition)) || _failures.GetValueOrDefault(executor) >= MaxFailuresPerExecutor;
            }
        }

        /// <summary>Records a task's failure on an executor (not a lost executor's, nor a fetch failure, which are not its own).</summary>
        public void Failed(RemoteExecutor executor, int stageId, int partition)
        {
            lock (_failures)
            {
                _failedOn.Add((executor, stageId, partition));
                _failures[executor] = _failures.GetValueOrDefault(executor) + 1;
            }
        }

        public IEnumerable<RemoteExecutor> SentTo => _sent.Keys;

        public Task SendToAsync(RemoteExecutor executor) =>
            _sent.GetOrAdd(executor, e => new Lazy<Task>(() => SendAsync(e))).Value;

        private async Task SendAsync(RemoteExecutor executor)
        {
            var flight = executor.Flight;
            foreach (var assembly in _assemblies)
            {
                var mvid = assembly.ManifestModule.ModuleVersionId;
                await executor.Assemblies.GetOrAdd(mvid, _ => new Lazy<Task>(() => FlightBytes.PutAsync(
                    flight, ["assembly", _backend._applicationId, mvid.ToString()], Image(assembly), CancellationToken.None))).Value.ConfigureAwait(false);
            }

            foreach (var source in _sources)
            {
                await executor.Sources.GetOrAdd(source.Id, _ => new Lazy<Task>(() => FlightBytes.PutAsync(
                    flight, ["source", _backend._applicationId, source.Id.ToString()], _sourceBytes[source.Id].Value, CancellationToken.None))).Value.ConfigureAwait(false);
            }

            string[] path = ["job", _backend._applicationId, Key, EngineMvid.ToString(), .. _allowed.Select(a => a.ManifestModule.ModuleVersionId.ToString())];
            await FlightBytes.PutAsync(flight, path, _payload.Value, CancellationToken.None).ConfigureAwait(false);
        }

        /// <summary>
        /// The allowed assemblies and everything they reference, as this process resolves it, but the framework and
        /// Linq.Spark: a type of the application's is loaded with its base types and interfaces, which may come from
        /// any of them. A worker that has the very build of one (same MVID) uses its own.
        /// </summary>
        private static Assembly[] Dependencies(IEnumerable<Assembly> allowed)
        {
            var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
            var pending = new Stack<Assembly>(allowed);
            while (pending.Count > 0)
            {
                var assembly = pending.Pop();
                if (assembly.IsDynamic || TypeAllowList.IsFramework(assembly) || assembly == typeof(SparkSession).Assembly
                    || !found.TryAdd(assembly.GetName().Name ?? string.Empty, assembly))
                {
                    continue;
                }

                foreach (var reference in assembly.GetReferencedAssemblies())
                {
                    if (!found.ContainsKey(reference.Name ?? string.Empty) && Resolve(reference) is { } resolved)
                    {
                        pending.Push(resolved);
                    }
                }
            }

            return [.. found.Values];
        }

        private static Assembly? Resolve(AssemblyName name)
        {
            try
            {
                return System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromAssemblyName(name);
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                // Not resolvable here: a type that needs it fails to load on the worker, naming it.
                return null;
            }
        }

        private static byte[] Image(Assembly assembly) =>
            !assembly.IsDynamic && assembly.Location.Length > 0
                ? File.ReadAllBytes(assembly.Location)
                : throw new NotSupportedException(
                    $"The query's assembly {assembly.GetName().Name} has no file to send to the workers (it was loaded from bytes or emitted at run time).");
    }
}
