namespace Linq.Spark.Tests;

/// <summary>The sessions an oracle test class shares: one per <see cref="ExecutionMode"/>, two executor threads, three shuffle partitions.</summary>
/// <remarks>Sessions are created lazily, because a session per test case would dominate the run time, and disposed with the class.</remarks>
public sealed class SessionFixture : IDisposable
{
    /// <summary>Executor threads of every shared session.</summary>
    public const int ExecutorThreads = 2;

    /// <summary>Shuffle partitions of every shared session.</summary>
    public const int ShufflePartitions = 3;

    /// <summary>Rows per batch in <see cref="ExecutionMode.RowMode"/>: partitions of 15, 16 or 1000 rows are many batches.</summary>
    public const int RowModeBatchSize = 4;

    /// <summary>Rows per batch in <see cref="ExecutionMode.ShippedPlan"/>: more than one SIMD step of 8 rows, and a tail.</summary>
    public const int ShippedPlanBatchSize = 13;

    /// <summary>The bytes past which an operator spills in <see cref="ExecutionMode.SpilledShuffles"/>.</summary>
    public const long ForceSpillBytes = 512;

    /// <summary>Rows per batch in <see cref="ExecutionMode.ParquetFiles"/>.</summary>
    public const int ParquetBatchSize = 7;

    private readonly Lazy<SparkSession>[] _sessions;
    private readonly Lazy<TempFolder> _files = new(() => new TempFolder());
    private readonly Lazy<TempFolder> _spills = new(() => new TempFolder());

    /// <summary>Prepares (but does not start) the sessions.</summary>
    public SessionFixture()
    {
        var baseOptions = new SparkOptions { ExecutorThreads = ExecutorThreads, ShufflePartitions = ShufflePartitions };
        _sessions =
        [
            new(() => SparkSession.Create(baseOptions)),
            new(() => SparkSession.Create(baseOptions with { Vectorize = false, BatchSize = RowModeBatchSize })),
            new(() => SparkSession.Create(baseOptions with { AutoBroadcastThresholdRows = -1, InlineJobThresholdRows = -1 })),
            new(() => Shipping(InProcessExecutors.Session(baseOptions with { BatchSize = ShippedPlanBatchSize }))),
            new(() => SparkSession.Create(baseOptions with { MaxPartitionBytes = 1, FileOpenCostBytes = 0, BatchSize = ParquetBatchSize })),
            new(() => SparkSession.Create(baseOptions with
            {
                ForceSpillBytes = ForceSpillBytes, LocalDirectory = _spills.Value.Path, BatchSize = ShippedPlanBatchSize, InlineJobThresholdRows = -1, AutoBroadcastThresholdRows = -1,
            })),
        ];
    }

    /// <summary>
    /// The session's source of <paramref name="rows"/> in <paramref name="partitions"/> partitions: parallelized, or in
    /// <see cref="ExecutionMode.ParquetFiles"/> written to a fresh folder of Parquet files and read back.
    /// </summary>
    public IQueryable<T> Source<T>(ExecutionMode mode, IEnumerable<T> rows, int partitions)
    {
        var session = Get(mode);
        if (mode != ExecutionMode.ParquetFiles)
        {
            return session.Parallelize(rows, partitions);
        }

        var folder = _files.Value[Guid.NewGuid().ToString("N")];
        session.Parallelize(rows, partitions).WriteParquet(folder);
        return session.ReadParquet<T>(folder);
    }

    /// <summary>The session for <paramref name="mode"/>.</summary>
    public SparkSession Get(ExecutionMode mode) => _sessions[(int)mode].Value;

    /// <summary>A session whose plans leave the process: the tests' assembly is registered, as an application ships its own (values of its types travel as objects).</summary>
    private static SparkSession Shipping(SparkSession session)
    {
        session.RegisterAssembly(typeof(SessionFixture).Assembly);
        return session;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_files.IsValueCreated)
        {
            _files.Value.Dispose();
        }

        foreach (var session in _sessions)
        {
            if (session.IsValueCreated)
            {
                session.Value.Dispose();
            }
        }

        if (_spills.IsValueCreated)
        {
            // Every job deletes its block files when it ends, and the session its folder: nothing may be left.
            var left = Directory.EnumerateFileSystemEntries(_spills.Value.Path, "*", SearchOption.AllDirectories).ToList();
            _spills.Value.Dispose();
            if (left.Count > 0)
            {
                throw new InvalidOperationException($"The spilling session left {left.Count} entries in its local directory, such as {left[0]}.");
            }
        }
    }
}
