using System.Collections.Concurrent;
using Linq.Spark.Buffers;
using Linq.Spark.Execution.Shuffle;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution;

/// <summary>
/// The runtime state of one job: its parameter values, cancellation, shuffle outputs and broadcast values.
/// Plans are shared between jobs; everything that changes while a job runs lives here.
/// </summary>
internal sealed class JobRun : IDisposable
{
    private readonly ConcurrentDictionary<ShuffleExchangeExec, MapOutputTracker> _trackers = new();
    private readonly ConcurrentDictionary<BroadcastExchangeExec, PartitionData> _broadcastRows = new();
    private readonly ConcurrentDictionary<object, Lazy<object>> _broadcastValues = new();

    public JobRun(SparkSession session, int jobId, object?[] parameters, object?[] sources, CancellationToken userToken)
    {
        Session = session;
        JobId = jobId;
        Parameters = parameters;
        Sources = sources;
        CancellationSource = CancellationTokenSource.CreateLinkedTokenSource(userToken, session.ShutdownToken);
        UserToken = userToken;
        _registration = CancellationSource.Token.Register(() => Cancelled = true);
    }

    private readonly CancellationTokenRegistration _registration;

    /// <summary>The culture of the thread that started the action: tasks run under it, as LINQ to Objects would.</summary>
    public System.Globalization.CultureInfo Culture { get; } = System.Globalization.CultureInfo.CurrentCulture;

    /// <summary>The UI culture of the thread that started the action.</summary>
    public System.Globalization.CultureInfo UICulture { get; } = System.Globalization.CultureInfo.CurrentUICulture;

    /// <summary>Set once the job is cancelled or failed: kernels read this field every row, which costs one load.</summary>
    public volatile bool Cancelled;

    public SparkSession Session { get; }

    public int JobId { get; }

    public object?[] Parameters { get; }

    /// <summary>Per slot, the data source a scan reads (null for slots that are not scanned).</summary>
    public object?[] Sources { get; }

    public CancellationTokenSource CancellationSource { get; }

    public CancellationToken Cancellation => CancellationSource.Token;

    public CancellationToken UserToken { get; }

    public MapOutputTracker Tracker(ShuffleExchangeExec exchange) =>
        _trackers.TryGetValue(exchange, out var tracker) ? tracker : throw new InvalidOperationException("Shuffle output read before its map stage ran.");

    public MapOutputTracker RegisterShuffle(ShuffleExchangeExec exchange, int maps) => _trackers.GetOrAdd(exchange, _ => new MapOutputTracker(maps));

    public void SetBroadcastRows(BroadcastExchangeExec exchange, PartitionData rows) => _broadcastRows[exchange] = rows;

    public PartitionData BroadcastRows(BroadcastExchangeExec exchange) =>
        _broadcastRows.TryGetValue(exchange, out var rows) ? rows : throw new InvalidOperationException("Broadcast read before it was collected.");

    /// <summary>A value derived once per job from a broadcast side (a join's lookup), shared by all tasks.</summary>
    public object BroadcastValue(BroadcastHashJoinExec join, Func<PartitionData, object> build) =>
        _broadcastValues.GetOrAdd(join, _ => new Lazy<object>(() => build(BroadcastRows(join.Exchange)))).Value;

    public void Dispose()
    {
        _registration.Dispose();
        CancellationSource.Dispose();
    }
}
