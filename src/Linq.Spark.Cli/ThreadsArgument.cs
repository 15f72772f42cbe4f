using System.Globalization;

namespace Linq.Spark.Cli;

/// <summary>The <c>--threads</c> option shared by the subcommands: 0 for one thread per processor, else at most <see cref="SparkOptions.MaxExecutorThreads"/>.</summary>
internal static class ThreadsArgument
{
    /// <summary>The option's help text.</summary>
    public static string Description { get; } = string.Create(
        CultureInfo.InvariantCulture, $"Executor threads, at most {SparkOptions.MaxExecutorThreads} (0 = one per processor).");

    /// <summary>Returns <paramref name="threads"/>, or throws <see cref="CliUsageException"/> before any work starts if the session would refuse it.</summary>
    public static int Check(int threads)
    {
        // The session refuses more than MaxExecutorThreads too, but only after the data is loaded or generated.
        if (threads is < 0 or > SparkOptions.MaxExecutorThreads)
        {
            throw new CliUsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"--threads: {threads} is not a thread count; give 0 for one thread per processor, or 1 to {SparkOptions.MaxExecutorThreads}."));
        }

        return threads;
    }
}
