using System.Collections.Concurrent;
using Linq.Spark.Buffers;
using Linq.Spark.Compilation;
using Linq.Spark.Execution.Shuffle;

namespace Linq.Spark.Execution;

/// <summary>
/// The runtime state of one job: its parameter values, cancellation, shuffle outputs and broadcast values, each found
/// by the id of the operator it belongs to. Plans and their compiled code are shared between jobs; everything that
/// changes while a job runs lives here.
/// </summary>
internal sealed class JobRun : IDisposable
{
    private readonly ConcurrentDictionary<int, MapOutputTracker> _trackers = new(1, 4);
    private readonly ConcurrentDictionary<int, PartitionData> _broadcastRows = new(1, 4);
    private readonly ConcurrentDictionary<int, Lazy<object>> _broadcastValues = new(1, 4);
    private readonly ConcurrentDictionary<(int Stage, int Scan), (string Source, Sources.ScanCounters Counters)> _scans = new(1, 4);
    private readonly CancellationTokenRegistration _registration;
    private readonly Action _onEnd;

    /// <param name="jobId">The job's number in the session.</param>
    /// <param name="runtime">The compiled operators of its plan.</param>
    /// <param name="blocks">The session's cached partitions.</param>
    /// <param name="shuffles">The service the job's map tasks write blocks to and its reduce tasks read them from.</param>
    /// <param name="parameters">The job's parameter values.</param>
    /// <param name="sources">The data sources its scans read, by slot.</param>
    /// <param name="userToken">The caller's cancellation.</param>
    /// <param name="shutdown">Cancelled when the session is disposed.</param>
    /// <param name="onEnd">Run when the job is disposed (its blocks are removed).</param>
    public JobRun(int jobId, IJobRuntime runtime, BlockManager blocks, IShuffleService shuffles, object?[] parameters, object?[] sources, CancellationToken userToken, CancellationToken shutdown, Action onEnd)
    {
        Blocks = blocks;
        Shuffles = shuffles;
        _onEnd = onEnd;
        JobId = jobId;
        Runtime = runtime;
        Parameters = parameters;
        Sources = sources;
        CancellationSource = CancellationTokenSource.CreateLinkedTokenSource(userToken, shutdown);
        UserToken = userToken;
        _registration = CancellationSource.Token.Register(() => Cancel.Cancelled = true);
    }

    /// <summary>Whether the job's tasks run on the calling thread, one after another (<see cref="SparkOptions.InlineJobThresholdRows"/>).</summary>
    public bool RunsOnCaller { get; init; }

    /// <summary>The executor memory the job's operators reserve from.</summary>
    public required Memory.MemoryManager Memory { get; init; }

    /// <summary>The types the job's blocks may hold when they are written (the plan's allow-list), worked out when first needed.</summary>
    public required Lazy<Planning.Serialization.TypeAllowList> BlockTypes { get; init; }

    /// <summary>Where the job's operators write what they spill.</summary>
    public required Blocks.SpillFiles Spills { get; init; }

    /// <summary>Where a counted query's operator rows and stage costs go (shared by its jobs: its broadcast inputs' and its own); null when the query counts nothing.</summary>
    public QueryMetrics? Metrics { get; init; }

    /// <summary>Set once the job is cancelled or failed: kernels read it every row.</summary>
    public CancelFlag Cancel { get; } = new();

    /// <summary>The culture of the thread that started the action: tasks run under it, as LINQ to Objects would.</summary>
    public System.Globalization.CultureInfo Culture { get; init; } = System.Globalization.CultureInfo.CurrentCulture;

    /// <summary>The UI culture of the thread that started the action.</summary>
    public System.Globalization.CultureInfo UICulture { get; init; } = System.Globalization.CultureInfo.CurrentUICulture;

    /// <summary>The plan the job runs, which a cluster session sends to its executors.</summary>
    public Planning.Physical.PhysicalPlan? Plan { get; init; }

    /// <summary>The shuffles registered so far, by exchange id (a cluster session sends the finished ones with each task).</summary>
    public IEnumerable<KeyValuePair<int, MapOutputTracker>> Trackers => _trackers;

    /// <summary>The session's store of cached partitions.</summary>
    public BlockManager Blocks { get; }

    /// <summary>Where the job's shuffle blocks go and come from.</summary>
    public IShuffleService Shuffles { get; }

    public int JobId { get; }

    /// <summary>The compiled operators of the plan this job runs.</summary>
    public IJobRuntime Runtime { get; }

    public object?[] Parameters { get; }

    /// <summary>Per slot, the data source a scan reads (null for slots that are not scanned).</summary>
    public object?[] Sources { get; }

    public CancellationTokenSource CancellationSource { get; }

    public CancellationToken Cancellation => CancellationSource.Token;

    public CancellationToken UserToken { get; }

    public MapOutputTracker Tracker(int shuffleId) =>
        _trackers.TryGetValue(shuffleId, out var tracker) ? tracker : throw new InvalidOperationException("Shuffle output read before its map stage ran.");

    public MapOutputTracker RegisterShuffle(int shuffleId, int maps) => _trackers.GetOrAdd(shuffleId, _ => new MapOutputTracker(maps));

    public void SetBroadcastRows(int broadcastId, PartitionData rows) => _broadcastRows[broadcastId] = rows;

    public PartitionData BroadcastRows(int broadcastId) =>
        _broadcastRows.TryGetValue(broadcastId, out var rows) ? rows : throw new InvalidOperationException("Broadcast read before it was collected.");

    /// <summary>The collected rows of every broadcast of the job, by broadcast id (a cluster session sends them to its executors).</summary>
    public IEnumerable<KeyValuePair<int, PartitionData>> AllBroadcastRows => _broadcastRows;

    /// <summary>A value derived once per job from a broadcast (a join's lookup), shared by all tasks.</summary>
    public object BroadcastValue(int joinId, int broadcastId, Func<PartitionData, object> build) =>
        _broadcastValues.GetOrAdd(joinId, _ => new Lazy<object>(() => build(BroadcastRows(broadcastId)))).Value;

    /// <summary>The counters of scan <paramref name="scan"/> (reading <paramref name="source"/>) in stage <paramref name="stageId"/>, shared by its tasks.</summary>
    public Sources.ScanCounters ScanCounters(int stageId, Planning.Physical.ScanExec scan, Sources.IDataSource source) =>
        _scans.GetOrAdd((stageId, scan.Id), _ => (source.Describe(), new Sources.ScanCounters())).Counters;

    /// <summary>What the scans of stage <paramref name="stageId"/> read, for its <see cref="StageInfo"/>.</summary>
    public IReadOnlyList<ScanMetrics> ScanMetrics(int stageId)
    {
        List<(int Scan, ScanMetrics Metrics)>? metrics = null;
        foreach (var (key, (source, counters)) in _scans)
        {
            if (key.Stage == stageId)
            {
                (metrics ??= []).Add((key.Scan, counters.Snapshot(source)));
            }
        }

        if (metrics is null)
        {
            return [];
        }

        metrics.Sort((a, b) => a.Scan.CompareTo(b.Scan));
        return [.. metrics.Select(m => m.Metrics)];
    }

    public void Dispose()
    {
        _registration.Dispose();
        CancellationSource.Dispose();
        _onEnd();
    }
}
