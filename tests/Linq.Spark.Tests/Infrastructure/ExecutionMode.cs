namespace Linq.Spark.Tests;

/// <summary>The session settings an oracle case runs under.</summary>
public enum ExecutionMode
{
    /// <summary>Default options: vectorized kernels, automatic broadcast of small join sides; the test sizes run on the calling thread.</summary>
    Vectorized,

    /// <summary>Vectorize = false: compiled row mode everywhere, over batches of 4 rows.</summary>
    RowMode,

    /// <summary>AutoBroadcastThresholdRows = -1: every join and set operation is a shuffle; every job runs on the executor threads.</summary>
    NoAutoBroadcast,

    /// <summary>
    /// Every job runs as a cluster job (<see cref="InProcessExecutors"/>): its plan, values and parallelized collections
    /// go to two executors as bytes, each task and its outcome as bytes, shuffle blocks as Arrow IPC fetched from the
    /// executor that wrote them; batches hold 13 rows.
    /// </summary>
    ShippedPlan,

    /// <summary>
    /// The source is written with WriteParquet (a file per partition) and read back with ReadParquet, one row group per
    /// partition and 7-row batches: scans decode only the members the query reads and skip row groups by pushed filters.
    /// </summary>
    ParquetFiles,

    /// <summary>
    /// Everything that can spill does (the ForceSpillBytes test switch): every shuffle block goes to a file in the local
    /// directory (Arrow IPC) and is read back from it, and every sort, aggregation, GroupBy, Distinct and set operation
    /// spills past 512 bytes and merges what it spilled; every join and set operation is a shuffle; 13-row batches, and
    /// every job runs on the executor threads.
    /// </summary>
    SpilledShuffles,
}
