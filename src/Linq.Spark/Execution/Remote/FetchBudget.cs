namespace Linq.Spark.Execution.Remote;

/// <summary>
/// The bytes of other executors' shuffle blocks an executor has fetched and not yet read, kept under a limit as Spark's
/// spark.reducer.maxSizeInFlight keeps them: a reducer waits before fetching while the others' fetches fill it. A task
/// that already holds fetched blocks (a merge reading several map outputs at once) is never made to wait, so it cannot
/// wait for itself, and a fetch alone may pass the limit (one map output larger than it).
/// </summary>
internal sealed class FetchBudget(long limit)
{
    /// <summary>Spark's default limit: 48 MiB.</summary>
    public const long DefaultLimit = 48L << 20;

    [ThreadStatic]
    private static int t_held;

    private readonly object _lock = new(); // Monitor.Wait and Pulse, which System.Threading.Lock has not
    private long _inFlight;

    /// <summary>The limit in bytes.</summary>
    public long Limit { get; } = limit > 0 ? limit : throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit on bytes in flight must be positive.");

    /// <summary>The bytes fetched and not yet read.</summary>
    public long InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Takes room for a fetch of about <paramref name="bytes"/> (at least 1, at most the limit), waiting while others hold too much; returns what to release.</summary>
    public long Acquire(long bytes, CancellationToken cancellation)
    {
        var taken = Math.Clamp(bytes, 1, Limit);
        lock (_lock)
        {
            while (t_held == 0 && _inFlight > 0 && _inFlight + taken > Limit)
            {
                Monitor.Wait(_lock, TimeSpan.FromMilliseconds(100));
                cancellation.ThrowIfCancellationRequested();
            }

            _inFlight += taken;
        }

        t_held++;
        return taken;
    }

    /// <summary>Gives back what <see cref="Acquire"/> took, on the thread that took it, once the blocks are read.</summary>
    public void Release(long taken)
    {
        lock (_lock)
        {
            _inFlight -= taken;
            Monitor.PulseAll(_lock);
        }

        t_held--;
    }
}
