using Linq.Spark.Execution;
using Linq.Spark.Query;
using Linq.Spark.Sources;
using Linq.Spark.Execution.Scheduling;

namespace Linq.Spark;

/// <summary>
/// The entry point, as Spark's SparkSession: owns the executor threads (task slots), the block manager for cached
/// data and the plan cache, and creates queries over in-memory data with <see cref="Parallelize{T}"/>.
/// </summary>
/// <remarks>
/// A query is an ordinary IQueryable. Nothing runs until an action (ToList, Count, Sum, First, foreach…) starts a
/// job; the job's stages run as tasks, one per partition, on this session's executor threads. Several jobs may run
/// at once from different threads. Dispose stops the threads; using the session afterwards throws.
/// </remarks>
public sealed class SparkSession : IDisposable
{
    private SparkSession(SparkOptions options, IClusterBackend? cluster = null)
    {
        options.Validate();
        Context = new SparkContext(options, cluster);
        Provider = new SparkQueryProvider(this);
    }

    /// <summary>The session's settings.</summary>
    public SparkOptions Options => Context.Options;

    /// <summary>The jobs this session has finished, oldest first: the last <see cref="SparkOptions.RetainedJobs"/> of them.</summary>
    public IReadOnlyList<JobInfo> CompletedJobs => Context.CompletedJobs;

    /// <summary>How the executor memory is used now: blocks held in memory, and running tasks' operators.</summary>
    public ExecutorMemoryStatus MemoryStatus =>
        new(Context.Memory.Total, Context.Memory.StorageUsed, Context.Memory.ExecutionUsed, Context.Memory.ActiveTasks);

    /// <summary>The driver's runtime: executor threads, schedulers, block manager, listeners.</summary>
    internal SparkContext Context { get; }

    internal SparkQueryProvider Provider { get; }

    /// <summary>A session with Spark's local[n] layout: <paramref name="executorThreads"/> task slots (0 = one per processor).</summary>
    public static SparkSession Local(int executorThreads = 0) => new(new SparkOptions { ExecutorThreads = executorThreads });

    /// <summary>A session with the given settings.</summary>
    public static SparkSession Create(SparkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SparkSession(options);
    }

    /// <summary>A session whose tasks run on a cluster's executors (cluster mode: see the Linq.Spark.Cluster package's SparkSession.Connect).</summary>
    internal static SparkSession OnCluster(SparkOptions options, IClusterBackend cluster) => new(options, cluster);

    /// <summary>Distributes a snapshot of a collection over partitions of contiguous ranges (0 = DefaultParallelism), keeping its order.</summary>
    /// <remarks>The elements are copied into columns now: later changes to the collection are not seen by queries over it.</remarks>
    public ISparkQueryable<T> Parallelize<T>(IEnumerable<T> source, int partitions = 0)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(partitions);
        return new SparkQueryable<T>(Provider, new ParallelizedSource<T>(source, partitions == 0 ? Options.EffectiveDefaultParallelism : partitions, Options.BatchSize));
    }

    /// <summary>A query over Parquet files: a file, a directory of files (key=value folders give partition values), or a glob such as "data/*.parquet".</summary>
    /// <remarks>
    /// Each row group is a split. Members bind to columns by name, ignoring case, or by [ColumnName], and every file's
    /// schema is checked now: a missing column, or one whose type does not convert to its member without loss, fails
    /// here naming the file, the member and the file's columns. A job decodes only the columns its query reads, and a
    /// Where comparing a member with a constant or captured value skips row groups by their min/max statistics and
    /// files by their folder values (Explain shows ReadSchema, PushedFilters and PartitionFilters).
    /// </remarks>
    public ISparkQueryable<T> ReadParquet<T>(string path)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new SparkQueryable<T>(Provider, Sources.Files.ParquetSource.Open(typeof(T), path, Options));
    }

    /// <summary>A query over CSV files: a file, a directory of files (key=value folders give partition values), or a glob such as "data/*.csv".</summary>
    /// <remarks>
    /// Members of <typeparamref name="T"/> bind to columns by name, ignoring case, or by [ColumnName]; the files are
    /// listed and their headers checked now, so a missing column fails here, naming the file, the member and the
    /// file's columns. The rows are read when a job runs, one task per partition of at most
    /// <see cref="SparkOptions.MaxPartitionBytes"/>; a malformed field fails the job naming the file, line, column and
    /// value (or, with <see cref="CsvParseMode.DropMalformed"/>, its row is skipped).
    /// </remarks>
    public ISparkQueryable<T> ReadCsv<T>(string path, CsvReadOptions? options = null)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new SparkQueryable<T>(Provider, Sources.Files.CsvSource.Open(typeof(T), path, options ?? new CsvReadOptions(), Options));
    }

    /// <summary>A query over JSON lines files (one object per line): a file, a directory of files, or a glob.</summary>
    /// <remarks>
    /// Members bind to properties by name, ignoring case, or by [ColumnName]; a property an object lacks, or a JSON
    /// null, reads as null. A line that is not an object, or a value that does not fit its member, fails the job
    /// naming the file, line and property.
    /// </remarks>
    public ISparkQueryable<T> ReadJson<T>(string path)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new SparkQueryable<T>(Provider, Sources.Files.JsonLinesSource.Open(typeof(T), path, Options));
    }

    /// <summary>A query over Arrow IPC files (the file format, with a footer): a file, a directory of files, or a glob.</summary>
    /// <remarks>
    /// Each record batch is a split; members bind to fields by name, ignoring case, or by [ColumnName], checked against
    /// every file's schema now. A field value that does not convert to its member without loss fails the job naming the
    /// file, the batch, the row and the field.
    /// </remarks>
    public ISparkQueryable<T> ReadArrow<T>(string path)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new SparkQueryable<T>(Provider, Sources.Files.ArrowSource.Open(typeof(T), path, Options));
    }

    /// <summary>Registers a listener for job, stage and task events.</summary>
    public void AddListener(ISparkListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ThrowIfDisposed();
        Context.Listeners.Add(listener);
    }

    /// <summary>Detaches a listener added with <see cref="AddListener"/>; it gets no event that starts after this returns.</summary>
    /// <returns>Whether the listener was attached.</returns>
    public bool RemoveListener(ISparkListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return Context.Listeners.Remove(listener);
    }

    /// <summary>Allows the types of <paramref name="assembly"/> in plans that leave the process (as Spark ships an application's jars).</summary>
    /// <remarks>
    /// A plan that runs elsewhere may name only the BCL's basic types, Linq.Spark's own, the types of the assemblies
    /// that define the query's element types and lambdas, and those of the assemblies registered here — for example a
    /// library whose methods the lambdas call. The .NET runtime's own assemblies cannot be registered wholesale.
    /// </remarks>
    public void RegisterAssembly(System.Reflection.Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ThrowIfDisposed();
        if (Planning.Serialization.TypeAllowList.IsFramework(assembly))
        {
            throw new ArgumentException($"{assembly.GetName().Name} is part of .NET itself; its types are allowed one by one, not as an assembly.", nameof(assembly));
        }

        Context.RegisteredAssemblies[assembly] = true;
    }

    /// <summary>Stops the executor threads after cancelling running jobs, and drops cached data.</summary>
    public void Dispose() => Context.Dispose();

    internal void ThrowIfDisposed() => Context.ThrowIfStopped();
}
