namespace Linq.Spark.Cli;

/// <summary>Prints the effective session settings the way the demo reports them.</summary>
internal static class SparkOptionsText
{
    public static string EffectiveExecutorThreadsText(this SparkOptions options) =>
        (options.ExecutorThreads > 0 ? options.ExecutorThreads : Environment.ProcessorCount).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string ShufflePartitionsText(this SparkOptions options)
    {
        var threads = options.ExecutorThreads > 0 ? options.ExecutorThreads : Environment.ProcessorCount;
        var parallelism = options.DefaultParallelism > 0 ? options.DefaultParallelism : threads;
        return (options.ShufflePartitions > 0 ? options.ShufflePartitions : parallelism).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
