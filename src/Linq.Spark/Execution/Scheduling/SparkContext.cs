namespace Linq.Spark.Execution.Scheduling;

/// <summary>
/// A session's driver-side runtime, as Spark's SparkContext: the executor's task slots, the DAG and task schedulers,
/// the block manager of cached data, the listener bus, and the job and stage numbering. The public
/// SparkSession owns one; the execution layer needs nothing else of the session.
/// </summary>
internal sealed class SparkContext : IDisposable
{
    private readonly Executor _executor;
    private readonly Queue<JobInfo> _completedJobs = new();
    private readonly CancellationTokenSource _shutdown = new();
    private int _nextJobId = -1;
    private int _nextStageId = -1;
    private int _stopped;

    /// <param name="options">The session's settings.</param>
    /// <param name="cluster">The cluster whose executors run the session's tasks; null runs them on threads of this process.</param>
    public SparkContext(SparkOptions options, IClusterBackend? cluster = null)
    {
        Cluster = cluster;
        Options = options;
        Logger = options.LoggerFactory?.CreateLogger(SparkTelemetry.Name) ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _executor = new Executor(cluster is null ? options.EffectiveExecutorThreads : 0);
        Listeners = new ListenerBus();
        Memory = new Memory.MemoryManager(options.EffectiveExecutorMemory, options.ForceSpillBytes);
        ShuffleBlocks = new Blocks.BlockStore(options.EncodeShuffleBlocks, Memory, options.LocalDirectory);
        BlockManager = new BlockManager(Memory, ShuffleBlocks);
        Scheduler = new DagScheduler(this, new TaskScheduler(_executor, Listeners, options.MaxTaskFailures, cluster), Listeners);
    }

    public SparkOptions Options { get; }

    /// <summary>The cluster the session's tasks run on, or null when they run on this process's threads.</summary>
    public IClusterBackend? Cluster { get; }

    /// <summary>The session's id, which names its jobs on a cluster's executors.</summary>
    public string SessionId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The session's logger (category "Linq.Spark"), a no-op without <see cref="SparkOptions.LoggerFactory"/>.</summary>
    public Microsoft.Extensions.Logging.ILogger Logger { get; }

    /// <summary>Assemblies whose types plans may name when they leave the process (beyond those that define the query).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<System.Reflection.Assembly, bool> RegisteredAssemblies { get; } = new();

    public ListenerBus Listeners { get; }

    public BlockManager BlockManager { get; }

    /// <summary>The executor memory, shared by blocks held in memory and operators' buffers.</summary>
    public Memory.MemoryManager Memory { get; }

    /// <summary>The shuffle blocks of running jobs.</summary>
    public Blocks.BlockStore ShuffleBlocks { get; }

    public DagScheduler Scheduler { get; }

    /// <summary>Cancelled when the session is disposed: every running job stops.</summary>
    public CancellationToken ShutdownToken => _shutdown.Token;

    /// <summary>The jobs finished so far, oldest first (the last <see cref="SparkOptions.RetainedJobs"/>).</summary>
    public IReadOnlyList<JobInfo> CompletedJobs
    {
        get
        {
            lock (_completedJobs)
            {
                return [.. _completedJobs];
            }
        }
    }

    /// <summary>Whether the session was disposed.</summary>
    public bool IsStopped => _stopped == 1;

    /// <summary>Throws ObjectDisposedException, naming the session, once it was disposed.</summary>
    public void ThrowIfStopped()
    {
        if (IsStopped)
        {
            throw new ObjectDisposedException("SparkSession");
        }
    }

    public int NextJobId() => Interlocked.Increment(ref _nextJobId);

    /// <summary>Reserves session-wide ids for a job's stages, one per stage in plan order, and returns the first.</summary>
    public int ReserveStageIds(int count) => Interlocked.Add(ref _nextStageId, count) - count + 1;

    public void RecordJob(JobInfo job)
    {
        lock (_completedJobs)
        {
            _completedJobs.Enqueue(job);
            while (_completedJobs.Count > Options.RetainedJobs)
            {
                _completedJobs.Dequeue();
            }
        }
    }

    /// <summary>Cancels running jobs, stops the executor threads and drops cached data.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _shutdown.Cancel();
        _executor.Dispose();
        Cluster?.Dispose();
        BlockManager.Clear();
        ShuffleBlocks.Dispose();
        _shutdown.Dispose();
    }
}
