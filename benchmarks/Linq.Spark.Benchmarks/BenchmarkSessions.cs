namespace Linq.Spark.Benchmarks;

/// <summary>
/// The sessions every suite measures: <c>SparkSession.Local()</c> with default options, except the batch size that quick
/// mode's <c>--batch-size</c> sets to compare batch sizes on the same suites.
/// </summary>
public static class BenchmarkSessions
{
    /// <summary>Rows per column batch in the suites' sessions.</summary>
    public static int BatchSize { get; set; } = SparkOptions.DefaultBatchSize;

    /// <summary>A local session on all cores with <see cref="BatchSize"/>; without broadcast every join shuffles both sides.</summary>
    public static SparkSession Local(bool broadcastJoins = true) => SparkSession.Create(broadcastJoins
        ? new SparkOptions { BatchSize = BatchSize }
        : new SparkOptions { BatchSize = BatchSize, AutoBroadcastThresholdRows = -1 });
}
