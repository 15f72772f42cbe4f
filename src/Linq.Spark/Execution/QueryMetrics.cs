namespace Linq.Spark.Execution;

/// <summary>
/// What a counted query did (<c>ExplainAnalyze</c>, or every query under <see cref="SparkOptions.OperatorMetrics"/>), as Spark's SQL metrics: the rows each operator handed on, summed over the successful
/// task attempts of every job the query ran (its broadcast inputs' too), and what each stage cost, keyed by the id of
/// the operator at its top (a map stage's exchange, a result stage's top), which is the same in every plan of the query.
/// </summary>
/// <remarks>A failed attempt's counts are dropped, so a retried task is counted once.</remarks>
internal sealed class QueryMetrics(int operatorCount)
{
    private readonly long[] _rows = new long[operatorCount];
    private readonly bool[] _ran = new bool[operatorCount];
    private readonly List<(int Operator, StageMetrics Stage)> _stages = [];
    private readonly long[] _peakMemory = new long[operatorCount];
    private readonly long[] _spilled = new long[operatorCount];
    private readonly long[] _ticks = new long[operatorCount];

    /// <summary>The size of a task attempt's count arrays: one slot per operator id.</summary>
    public int OperatorCount => _rows.Length;

    /// <summary>The rows operator <paramref name="operatorId"/> handed on.</summary>
    public long RowsOf(int operatorId) => Interlocked.Read(ref _rows[operatorId]);

    /// <summary>Whether operator <paramref name="operatorId"/> ran in a successful task (not, for example, under a cache hit).</summary>
    public bool Ran(int operatorId) => Volatile.Read(ref _ran[operatorId]);

    /// <summary>What the stage topped by <paramref name="operatorId"/> cost, or null when it did not run (its input was cached).</summary>
    public StageMetrics? StageOf(int operatorId)
    {
        lock (_stages)
        {
            return _stages.Find(s => s.Operator == operatorId).Stage;
        }
    }

    /// <summary>The time the driver spent in final steps (a sort's merge, a top-n's last cut, the steps after it).</summary>
    public TimeSpan DriverTime { get; private set; }

    /// <summary>Adds a successful task attempt's counts and marks.</summary>
    public void Add(long[] taskRows, bool[] taskRan)
    {
        for (var id = 0; id < taskRows.Length; id++)
        {
            if (taskRows[id] != 0)
            {
                Interlocked.Add(ref _rows[id], taskRows[id]);
            }

            if (taskRan[id])
            {
                Volatile.Write(ref _ran[id], true);
            }
        }
    }

    /// <summary>The most execution memory operator <paramref name="operatorId"/> held at once in any one task (0: it reserved none).</summary>
    public long PeakMemoryOf(int operatorId) => Interlocked.Read(ref _peakMemory[operatorId]);

    /// <summary>Keeps the largest of each operator's peaks in a successful task attempt.</summary>
    public void AddPeakMemory(IReadOnlyDictionary<int, long> peaks)
    {
        foreach (var (id, peak) in peaks)
        {
            long seen;
            while (peak > (seen = Interlocked.Read(ref _peakMemory[id])) && Interlocked.CompareExchange(ref _peakMemory[id], peak, seen) != seen)
            {
            }
        }
    }

    /// <summary>The bytes operator <paramref name="operatorId"/> wrote to disk in successful task attempts (spill files, shuffle blocks that did not fit in memory).</summary>
    public long SpilledOf(int operatorId) => Interlocked.Read(ref _spilled[operatorId]);

    /// <summary>Adds what each operator of a successful task attempt wrote to disk.</summary>
    public void AddSpilled(IReadOnlyDictionary<int, long> spills)
    {
        foreach (var (id, bytes) in spills)
        {
            Interlocked.Add(ref _spilled[id], bytes);
        }
    }

    /// <summary>The time operator <paramref name="operatorId"/> spent in its own work, summed over successful task attempts (zero for operators fused into a kernel).</summary>
    public TimeSpan TimeOf(int operatorId) => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks[operatorId]));

    /// <summary>Adds a successful task attempt's time per operator.</summary>
    public void AddTime(long[] ticks)
    {
        for (var id = 0; id < ticks.Length; id++)
        {
            if (ticks[id] != 0)
            {
                Interlocked.Add(ref _ticks[id], ticks[id]);
            }
        }
    }

    /// <summary>Adds rows an operator produced on the driver.</summary>
    public void AddRows(int operatorId, long rows)
    {
        Interlocked.Add(ref _rows[operatorId], rows);
        Volatile.Write(ref _ran[operatorId], true);
    }

    /// <summary>Records a finished stage.</summary>
    public void StageCompleted(int operatorId, StageMetrics stage)
    {
        lock (_stages)
        {
            _stages.Add((operatorId, stage));
        }
    }

    /// <summary>Adds time spent on the driver.</summary>
    public void AddDriverTime(TimeSpan elapsed)
    {
        lock (_stages)
        {
            DriverTime += elapsed;
        }
    }
}
