using System.Collections.Concurrent;
using System.Reflection;
using Apache.Arrow.Flight.Client;
using Linq.Spark.Execution;
using Linq.Spark.Execution.Remote;
using Linq.Spark.Planning.Serialization;

namespace Linq.Spark.Cluster;

/// <summary>What the driver keeps per executor and per job: the executor's channel and what it was sent, the job's payload and failures.</summary>
internal sealed partial class ClusterBackend
{
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
