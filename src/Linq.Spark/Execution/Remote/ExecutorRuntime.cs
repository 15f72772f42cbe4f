using System.Collections.Concurrent;
using Linq.Spark.Columnar;
using Linq.Spark.Execution.Blocks;
using Linq.Spark.Execution.Operators;
using Linq.Spark.Execution.Scheduling;
using Linq.Spark.Execution.Shuffle;
using Linq.Spark.Planning.Physical;
using Linq.Spark.Planning.Serialization;
using Linq.Spark.Planning.Stages;

namespace Linq.Spark.Execution.Remote;

/// <summary>Fetches shuffle blocks that another executor of the cluster holds.</summary>
internal interface IRemoteBlocks
{
    /// <summary>The blocks' rows and keys as Arrow IPC bytes, in the order asked.</summary>
    IEnumerable<(byte[] Rows, byte[]? Keys)> Fetch(string executorId, IReadOnlyList<ShuffleBlockId> blocks, CancellationToken cancellation);
}

/// <summary>
/// One executor of a cluster (Spark's Executor in a worker): task slots on threads of their own, its share of memory,
/// a block store whose shuffle blocks are kept as Arrow IPC bytes for other executors to fetch, and the jobs the driver
/// sent it. A task runs as it would locally (<see cref="Scheduling.TaskScheduler.Run"/>) against the job's plan read back from its
/// bytes; blocks of another executor are fetched through <see cref="IRemoteBlocks"/>.
/// </summary>
internal sealed class ExecutorRuntime : IDisposable
{
    private readonly Executor _threads;
    private readonly IRemoteBlocks _remote;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConcurrentDictionary<string, ExecutorJob> _jobs = new();
    private readonly ConcurrentDictionary<(string Application, Guid Id), Lazy<byte[]>> _sourceBytes = new();
    private readonly ConcurrentDictionary<(string Application, Guid Id), Lazy<Sources.IDataSource>> _sources = new();
    private readonly ConcurrentDictionary<(string Application, string Hash), Lazy<PhysicalPlan>> _plans = new();
    private int _nextJobId;

    public ExecutorRuntime(string executorId, int threads, long memoryBytes, string? localDirectory, IRemoteBlocks remote)
    {
        ExecutorId = executorId;
        Threads = threads;
        _remote = remote;
        _threads = new Executor(threads);
        Memory = new Memory.MemoryManager(memoryBytes, 0);
        Blocks = new BlockStore(encode: true, Memory, localDirectory);
        Cache = new BlockManager(Memory, Blocks);
    }

    /// <summary>The bytes of other executors' blocks this executor's reducers have fetched and not yet read, and their limit.</summary>
    public FetchBudget Fetching { get; } = new(FetchBudget.DefaultLimit);

    /// <summary>The executor's id, which map statuses name as where their blocks are.</summary>
    public string ExecutorId { get; }

    public int Threads { get; }

    public Memory.MemoryManager Memory { get; }

    /// <summary>The shuffle blocks this executor's map tasks wrote.</summary>
    public BlockStore Blocks { get; }

    /// <summary>Partitions persisted by this executor's tasks.</summary>
    public BlockManager Cache { get; }

    /// <summary>Keeps a parallelized collection a driver session sent (<see cref="SourceWire"/>), for its jobs that scan it.</summary>
    public void AddSource(string application, Guid id, byte[] payload) => _sourceBytes.TryAdd((application, id), new Lazy<byte[]>(payload));

    /// <summary>Whether the driver session's source is here.</summary>
    public bool HasSource(string application, Guid id) => _sourceBytes.ContainsKey((application, id));

    /// <summary>Makes a job's tasks runnable here: its plan is read with <paramref name="allow"/> (the application's assemblies).</summary>
    public void AddJob(string application, string jobKey, JobPayload payload, TypeAllowList allow) =>
        _jobs.GetOrAdd(jobKey, _ => new ExecutorJob(this, Interlocked.Increment(ref _nextJobId), application, payload, allow));

    /// <summary>A source the session sent, read on first use with the rows' type its scan names.</summary>
    private Sources.IDataSource Source(string application, Guid id, Type elementType, TypeAllowList allow)
    {
        var bytes = _sourceBytes.TryGetValue((application, id), out var sent)
            ? sent
            : throw new InvalidOperationException($"The job scans source {id}, which its driver did not send to executor {ExecutorId}.");
        return _sources.GetOrAdd((application, id), _ => new Lazy<Sources.IDataSource>(() => SourceWire.Read(bytes.Value, id, elementType, allow))).Value;
    }

    /// <summary>
    /// A file source of the driver session, opened here on its first job (listing the files and reading their headers
    /// or footers) and kept for the session's later jobs; an open that fails is tried again by the next job.
    /// </summary>
    private Sources.IDataSource FileSource(string application, Guid id, Sources.Files.FileScanSpec spec, Type elementType)
    {
        var opened = _sources.GetOrAdd((application, id), _ => new Lazy<Sources.IDataSource>(() => spec.Open(elementType, ExecutorId)));
        try
        {
            return opened.Value;
        }
        catch
        {
            _sources.TryRemove(new KeyValuePair<(string, Guid), Lazy<Sources.IDataSource>>((application, id), opened));
            throw;
        }
    }

    /// <summary>Whether the job was sent here and has not ended.</summary>
    public bool HasJob(string jobKey) => _jobs.ContainsKey(jobKey);

    /// <summary>Runs a task on one of the executor's threads; returns its outcome's bytes (<see cref="TaskWire"/>).</summary>
    public Task<byte[]> RunAsync(string jobKey, byte[] task)
    {
        var job = _jobs.TryGetValue(jobKey, out var found)
            ? found
            : throw new InvalidOperationException($"Job {jobKey} was not sent to executor {ExecutorId}, or has ended.");
        var done = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _threads.Submit(_ =>
        {
            try
            {
                done.SetResult(job.Run(TaskWire.ReadTask(task, job.Allow)));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>Cancels a job's running tasks.</summary>
    public void CancelJob(string jobKey)
    {
        if (_jobs.TryGetValue(jobKey, out var job))
        {
            job.Job.CancellationSource.Cancel();
        }
    }

    /// <summary>Drops a job: its blocks, files and state.</summary>
    public void EndJob(string jobKey)
    {
        if (_jobs.TryRemove(jobKey, out var job))
        {
            job.Job.Dispose();
        }
    }

    /// <summary>Drops the jobs of one driver session (their keys start with its id and a slash).</summary>
    public void EndJobsOf(string applicationId)
    {
        foreach (var key in _jobs.Keys.Where(k => k.StartsWith(applicationId + "/", StringComparison.Ordinal)))
        {
            EndJob(key);
        }

        foreach (var key in _sourceBytes.Keys.Where(k => k.Application == applicationId))
        {
            _sourceBytes.TryRemove(key, out _);
            _sources.TryRemove(key, out _);
        }

        foreach (var key in _plans.Keys.Where(k => k.Application == applicationId))
        {
            _plans.TryRemove(key, out _);
        }
    }

    /// <summary>A block this executor holds, as bytes for another executor.</summary>
    public (byte[] Rows, byte[]? Keys) Block(ShuffleBlockId id) => Blocks.GetBytes(id);

    public void Dispose()
    {
        _shutdown.Cancel();
        foreach (var key in _jobs.Keys)
        {
            EndJob(key);
        }

        _threads.Dispose();
        Blocks.Dispose();
        _shutdown.Dispose();
    }

    /// <summary>A job as this executor holds it.</summary>
    private sealed class ExecutorJob
    {
        private readonly PlanRuntime _runtime;

        public ExecutorJob(ExecutorRuntime executor, int localId, string application, JobPayload payload, TypeAllowList allow)
        {
            Allow = allow;
            // Jobs of the same plan (a query run again, with other values) share its read operators and compiled kernels.
            var plan = executor._plans.GetOrAdd(
                (application, Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(payload.Plan))),
                _ => new Lazy<PhysicalPlan>(() =>
                {
                    var (root, context) = PlanSerializer.ReadPlan(payload.Plan, allow);
                    return PhysicalPlan.Shipped(root, context);
                })).Value;
            var (root, context) = (plan.Root, plan.Context);
            _runtime = PlanRuntime.Of(plan);
            var values = PlanSerializer.ReadValues(payload.Values, allow);
            foreach (var (slot, source) in payload.Sources)
            {
                var scan = Scans(root).First(s => s.SlotIndex == slot);
                values[slot] = executor.Source(application, source, scan.ElementType, allow);
            }

            foreach (var (slot, source, spec) in payload.Files)
            {
                var scan = Scans(root).First(s => s.SlotIndex == slot);
                values[slot] = executor.FileSource(application, source, Sources.Files.FileScanSpec.FromBytes(spec), scan.ElementType);
            }

            var allowed = new Lazy<TypeAllowList>(allow);
            var blocks = executor.Blocks;
            Job = new JobRun(
                localId, _runtime, executor.Cache, new ExecutorShuffleService(executor, allowed), values, Query.QueryExecution.BindSources(plan, values),
                CancellationToken.None, executor._shutdown.Token, () => blocks.RemoveJob(localId))
            {
                Memory = executor.Memory,
                Spills = new SpillFiles(blocks, localId, allowed),
                BlockTypes = allowed,
                Culture = System.Globalization.CultureInfo.GetCultureInfo(payload.Culture),
                UICulture = System.Globalization.CultureInfo.GetCultureInfo(payload.UICulture),
                Plan = plan,
                Metrics = payload.CountsOperators ? new QueryMetrics(context.OperatorCount) : null,
            };
            foreach (var (id, rows) in payload.Broadcasts)
            {
                var array = RowsWire.Read(rows, _runtime.Node(id).ElementType, allow);
                Job.SetBroadcastRows(id, new Buffers.PartitionData(array, array.Length));
            }
        }

        public TypeAllowList Allow { get; }

        private static IEnumerable<ScanExec> Scans(ExecNode node) =>
            node is ScanExec scan ? [scan] : node.Children.SelectMany(Scans);

        public JobRun Job { get; }

        public byte[] Run(RemoteTask task)
        {
            foreach (var shuffle in task.Shuffles)
            {
                var tracker = Job.RegisterShuffle(shuffle.ShuffleId, shuffle.Statuses.Count);
                foreach (var status in shuffle.Statuses)
                {
                    tracker.Register(status);
                }

                tracker.RangeBounds = shuffle.RangeBounds;
            }

            var node = _runtime.Node(task.NodeId);
            Stage stage = task.IsMap ? new ShuffleMapStage(0, node, []) : new ResultStage(0, node, []);
            var outcome = Scheduling.TaskScheduler.Run(Job, stage, task.StageId, task.Partition, task.Attempt, task.LastOnly, task.KeepPartialOutput, task.MaxTaskFailures, null);
            return TaskWire.WriteOutcome(outcome, Allow);
        }
    }

    /// <summary>An executor's shuffle service: blocks written to its own store, read from it or fetched from the executor that holds them.</summary>
    private sealed class ExecutorShuffleService(ExecutorRuntime executor, Lazy<TypeAllowList> allow) : IShuffleService
    {
        public string ExecutorId => executor.ExecutorId;

        public BlockWrite Write(ShuffleBlockId id, ShuffleBlock block) => executor.Blocks.Put(id, block, allow);

        public IEnumerable<ShuffleBlock> Read(MapStatus status, int reduceId, IEncoder layout, IEncoder? keyLayout)
        {
            if (status.ExecutorId == ExecutorId)
            {
                return status.Blocks(reduceId).Select(executor.Blocks.Get);
            }

            return Remote(status, reduceId, layout, keyLayout);
        }

        /// <summary>Another executor's blocks; when they cannot be fetched, a <see cref="FetchFailedException"/> for the driver.</summary>
        private IEnumerable<ShuffleBlock> Remote(MapStatus status, int reduceId, IEncoder layout, IEncoder? keyLayout)
        {
            // The map output's bytes for this reducer count against the executor's bytes in flight until they are read.
            var taken = executor.Fetching.Acquire(status.BytesPerReducer[reduceId], executor._shutdown.Token);
            try
            {
                IEnumerable<(byte[] Rows, byte[]? Keys)> fetched;
                try
                {
                    fetched = executor._remote.Fetch(status.ExecutorId, [.. status.Blocks(reduceId)], executor._shutdown.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new FetchFailedException(status.ShuffleId, status.MapId, status.ExecutorId, e.Message, e);
                }

                var codec = new ArrowBlockCodec(allow.Value);
                foreach (var bytes in fetched)
                {
                    yield return new ShuffleBlock(
                        codec.Decode(bytes.Rows, layout),
                        layout,
                        bytes.Keys is null ? null : keyLayout!.DecodeAll(codec.Decode(bytes.Keys, keyLayout)),
                        keyLayout);
                }
            }
            finally
            {
                executor.Fetching.Release(taken);
            }
        }
    }
}
