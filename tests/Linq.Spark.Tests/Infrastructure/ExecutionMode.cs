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
    /// What crosses a process boundary in a cluster crosses it here as bytes: every job's plan and parameter values are
    /// written to their binary form and read back before they run, and every shuffle block is kept as Arrow IPC; batches
    /// hold 13 rows, and every job runs on the executor threads.
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
