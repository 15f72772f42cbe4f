namespace Linq.Spark;

/// <summary>Settings of a <see cref="SparkSession"/>, named after their Spark counterparts.</summary>
public sealed record SparkOptions
{
    /// <summary>The most executor threads a session may have: each is a dedicated thread with its own stack.</summary>
    public const int MaxExecutorThreads = 1024;

    /// <summary>Number of executor threads (task slots), at most <see cref="MaxExecutorThreads"/>; 0 means <see cref="Environment.ProcessorCount"/>, Spark's local[*].</summary>
    public int ExecutorThreads { get; init; }

    /// <summary>Partitions given to a source when none are asked for; 0 means the executor thread count.</summary>
    public int DefaultParallelism { get; init; }

    /// <summary>Number of reduce partitions a shuffle writes (spark.sql.shuffle.partitions); 0 means the default parallelism.</summary>
    public int ShufflePartitions { get; init; }

    /// <summary>Attempts per task before the job fails (spark.task.maxFailures); 1 means no retry.</summary>
    public int MaxTaskFailures { get; init; } = 1;

    /// <summary>A join side estimated at or under this many rows is broadcast instead of shuffled; -1 disables automatic broadcast.</summary>
    /// <remarks>
    /// In one process a broadcast costs one hash table built once per job, while a shuffle moves both sides, so the
    /// default (1,000,000 rows) is far above Spark's 10 MB. Estimates halve a source's rows for each condition of a filter
    /// and take a grouping to keep a tenth of its rows; an inner join builds over whichever side is estimated smaller.
    /// </remarks>
    public long AutoBroadcastThresholdRows { get; init; } = 1_000_000;

    /// <summary>The default of <see cref="BatchSize"/>.</summary>
    public const int DefaultBatchSize = 16_384;

    /// <summary>
    /// Rows per column batch that operators hand each other (a scan's batches, a shuffle map task's blocks per reducer);
    /// a stage's working memory grows with it, not with its partition's size.
    /// </summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>The most bytes of files one scan partition reads (spark.sql.files.maxPartitionBytes); larger files are split.</summary>
    public long MaxPartitionBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>
    /// What opening a file is taken to cost, in bytes, when small files are packed into partitions
    /// (spark.sql.files.openCostInBytes): each file counts as at least this much.
    /// </summary>
    public long FileOpenCostBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>How many finished jobs <see cref="SparkSession.CompletedJobs"/> keeps (spark.ui.retainedJobs); older ones are dropped first.</summary>
    public int RetainedJobs { get; init; } = 1000;

    /// <summary>The default of <see cref="InlineJobThresholdRows"/>.</summary>
    public const long DefaultInlineJobThresholdRows = 16_384;

    /// <summary>
    /// A job started synchronously (ToList, Count, First… but not their Async forms) whose in-memory sources hold at most
    /// this many rows in all runs its tasks one after another on the calling thread, with no hand-off to executor
    /// threads; -1 disables it.
    /// </summary>
    /// <remarks>
    /// Spark's local execution on the driver: for little data the hand-offs cost more than the work. Jobs that read
    /// files never run inline, and the tasks of an inline job report <see cref="TaskInfo.ExecutorSlot"/> -1. The rows
    /// counted are the ones the sources hold, not the work per row: a query over few rows whose lambdas are slow (a call
    /// per row) or that multiplies rows (SelectMany, a join with many matches) may run faster on the executors, with -1.
    /// </remarks>
    public long InlineJobThresholdRows { get; init; } = DefaultInlineJobThresholdRows;

    /// <summary>
    /// The memory, in bytes, the session's executors may hold for shuffle blocks and operators' buffers; 0 takes 60 % of
    /// the memory available to the process (<see cref="GC.GetGCMemoryInfo()"/>'s TotalAvailableMemoryBytes, as spark.memory.fraction).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Shuffle blocks (storage) take at most half of it, and only what operators leave free; the blocks past that go to
    /// files in <see cref="LocalDirectory"/> (Arrow IPC, LZ4-compressed), as Spark's shuffle files, and are read back by
    /// the reducers.
    /// </para>
    /// <para>
    /// Operators that buffer — hash aggregation, GroupBy, Distinct, Intersect/Except, sorts (and a range shuffle's sorted
    /// runs), shuffled joins' build sides, shuffle write buffers, top-n — reserve from the rest before they grow, shared fairly between running tasks
    /// (with N tasks holding some, one may hold up to 1/N). A refused reservation makes the operator spill to files in
    /// <see cref="LocalDirectory"/>: a sort writes sorted runs and merges them; the map side of an aggregation emits its
    /// states early; a shuffled join becomes a grace hash join; the others write hash buckets and finish one bucket at a
    /// time. An operator that cannot fit even one bucket (a single GroupBy group larger than its share) fails the task
    /// with a <see cref="SparkMemoryException"/> naming the operator and the numbers, and so does a top-n whose n rows
    /// do not fit. Broadcast join build sides count their memory but do not spill.
    /// </para>
    /// <para>
    /// The bytes written are reported as <see cref="StageInfo.SpilledBytes"/>, and the most one task held as
    /// <see cref="StageInfo.PeakExecutionMemory"/>. An operator's output partition is handed on whole, so a wide
    /// operator's result partition must still fit in the process's memory.
    /// </para>
    /// </remarks>
    public long ExecutorMemory { get; init; }

    /// <summary>The folder where the shuffle blocks and spill files that do not fit in <see cref="ExecutorMemory"/> go; null takes the system's temporary directory.</summary>
    /// <remarks>Each session writes below a folder of its own there, which it deletes when it is disposed; a job's files are deleted when it ends.</remarks>
    public string? LocalDirectory { get; init; }

    /// <summary>
    /// Whether every query counts each operator's output rows (Spark's SQL metrics), reported per stage in
    /// <see cref="StageInfo.OperatorRows"/> and shown on the web UI's Plan page; <c>ExplainAnalyze</c> counts regardless.
    /// </summary>
    /// <remarks>
    /// Off by default: counting a filter inside a SIMD kernel (a popcount per eight rows) costs 5–20 % on kernels that
    /// run at memory speed, as a filtered Sum or Count of 10,000,000 rows does; row code pays next to nothing.
    /// </remarks>
    public bool OperatorMetrics { get; init; }

    /// <summary>Whether stage kernels may use SIMD over columns; false forces compiled row mode.</summary>
    public bool Vectorize { get; init; } = true;

    /// <summary>Names of optimizer rules to skip (for example "CombineFilters"), for diagnosis and differential tests.</summary>
    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>();

    /// <summary>Where the session logs (category "Linq.Spark": job ends, task retries, skewed tasks); null logs nothing.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// A test switch: every job's plan and parameter values are written to the project's binary form and read back
    /// (as a worker process would) before the job runs them, so tests show a plan that left the process runs alike.
    /// </summary>
    internal bool RoundTripPlans { get; init; }

    /// <summary>A test switch: every shuffle block is kept as Arrow IPC bytes (LZ4) and decoded when read, as blocks that leave memory are.</summary>
    internal bool EncodeShuffleBlocks { get; init; }

    /// <summary>
    /// A test switch (0: off), as Spark's spark.shuffle.spill.numElementsForceSpillThreshold: every shuffle block goes to
    /// a file, and an operator's first pass is refused memory past this many bytes, so every buffering operator spills
    /// on small data; what it spilled is then read back under the real <see cref="ExecutorMemory"/>.
    /// </summary>
    internal long ForceSpillBytes { get; init; }

    internal long EffectiveExecutorMemory => ExecutorMemory > 0 ? ExecutorMemory : (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 0.6);

    internal int EffectiveExecutorThreads => ExecutorThreads > 0 ? ExecutorThreads : Environment.ProcessorCount;

    internal int EffectiveDefaultParallelism => DefaultParallelism > 0 ? DefaultParallelism : EffectiveExecutorThreads;

    internal int EffectiveShufflePartitions => ShufflePartitions > 0 ? ShufflePartitions : EffectiveDefaultParallelism;

    internal void Validate()
    {
        Check(ExecutorThreads >= 0, nameof(ExecutorThreads), "must be 0 (all processors) or positive");
        Check(ExecutorThreads <= MaxExecutorThreads, nameof(ExecutorThreads), $"must be at most {MaxExecutorThreads}");
        Check(DefaultParallelism >= 0, nameof(DefaultParallelism), "must be 0 (executor threads) or positive");
        Check(ShufflePartitions >= 0, nameof(ShufflePartitions), "must be 0 (default parallelism) or positive");
        Check(BatchSize >= 1, nameof(BatchSize), "must be at least 1");
        Check(MaxPartitionBytes >= 1, nameof(MaxPartitionBytes), "must be at least 1");
        Check(FileOpenCostBytes >= 0, nameof(FileOpenCostBytes), "must be 0 or positive");
        Check(MaxTaskFailures >= 1, nameof(MaxTaskFailures), "must be at least 1");
        Check(AutoBroadcastThresholdRows >= -1, nameof(AutoBroadcastThresholdRows), "must be -1 (never) or a row count");
        Check(RetainedJobs >= 0, nameof(RetainedJobs), "must be 0 or positive");
        Check(InlineJobThresholdRows >= -1, nameof(InlineJobThresholdRows), "must be -1 (never) or a row count");
        Check(ExecutorMemory >= 0, nameof(ExecutorMemory), "must be 0 (a share of the available memory) or a number of bytes");
        Check(LocalDirectory is null || LocalDirectory.Trim().Length > 0, nameof(LocalDirectory), "must be null (the temporary directory) or a folder");
        ArgumentNullException.ThrowIfNull(DisabledRules, nameof(DisabledRules));
    }

    private void Check(bool ok, string name, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, $"SparkOptions.{name} {rule}; it was {GetType().GetProperty(name)!.GetValue(this)}.");
        }
    }
}
