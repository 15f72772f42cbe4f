using System.Linq.Expressions;
using Linq.Spark.Diagnostics;
using Linq.Spark.Query;
using Linq.Spark.Planning.Translation;

namespace Linq.Spark;

/// <summary>Linq.Spark's operators and actions beyond System.Linq: plans, partitioning hints, caching and async actions.</summary>
public static class SparkQueryableExtensions
{
    /// <summary>The physical plan, Spark style: operators by stage, exchanges, partial and final aggregates.</summary>
    public static string Explain<T>(this IQueryable<T> source) => Plan(source).Text;

    /// <summary>
    /// Runs the query (its rows are discarded) and returns its physical plan with what each operator and stage did, as
    /// Spark's SQL metrics: each operator's output rows, and each stage's tasks, task time, wall time and shuffle output.
    /// </summary>
    /// <remarks>
    /// A projection is not counted (it hands on every row it gets); a stage whose input was cached is marked skipped.
    /// The counting kernels are compiled for this call; other queries count only under
    /// <see cref="SparkOptions.OperatorMetrics"/>, which reports the rows per stage in <see cref="StageInfo.OperatorRows"/>.
    /// </remarks>
    public static string ExplainAnalyze<T>(this IQueryable<T> source) =>
        ProviderOf(source).AnalyzeAsync(source.Expression, synchronous: true, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Like <see cref="ExplainAnalyze{T}(IQueryable{T})"/>, without blocking the caller; cancelling the token stops the query's tasks.</summary>
    public static Task<string> ExplainAnalyzeAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        ProviderOf(source).AnalyzeAsync(source.Expression, synchronous: false, cancellationToken);

    /// <summary>The physical plan as data: the stages of the job an action over this query would run.</summary>
    public static QueryPlan Plan<T>(this IQueryable<T> source)
    {
        var provider = ProviderOf(source);
        return ExplainPrinter.Describe(provider.PlanFor(source.Expression));
    }

    /// <summary>Redistributes the rows round-robin into <paramref name="partitions"/> partitions (a shuffle).</summary>
    public static ISparkQueryable<T> Repartition<T>(this IQueryable<T> source, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        return Wrap(source, Expression.Call(SparkOperators.RepartitionMethod.MakeGenericMethod(typeof(T)), source.Expression, Expression.Constant(partitions)));
    }

    /// <summary>Merges neighbouring partitions down to <paramref name="partitions"/> without a shuffle.</summary>
    public static ISparkQueryable<T> Coalesce<T>(this IQueryable<T> source, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        return Wrap(source, Expression.Call(SparkOperators.CoalesceMethod.MakeGenericMethod(typeof(T)), source.Expression, Expression.Constant(partitions)));
    }

    /// <summary>Keeps this query's partitions in memory once computed, so later actions start from them (<see cref="StorageLevel.MemoryOnly"/>).</summary>
    public static ISparkQueryable<T> Cache<T>(this IQueryable<T> source) => source.Persist(StorageLevel.MemoryOnly);

    /// <summary>Keeps this query's partitions once computed, in memory, on local disk or both, so later actions start from them.</summary>
    /// <remarks>
    /// Partitions kept in memory take the storage part of <see cref="SparkOptions.ExecutorMemory"/> (at most half of it,
    /// shared with shuffle blocks); when a new one does not fit, the least recently used are evicted — dropped at
    /// <see cref="StorageLevel.MemoryOnly"/> (computed again when next read), written to a file at
    /// <see cref="StorageLevel.MemoryAndDisk"/>. Files go to <see cref="SparkOptions.LocalDirectory"/> and are deleted
    /// with the session.
    /// </remarks>
    public static ISparkQueryable<T> Persist<T>(this IQueryable<T> source, StorageLevel level)
    {
        if (!Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Persist takes StorageLevel.MemoryOnly, MemoryAndDisk or DiskOnly.");
        }

        return Wrap(source, Expression.Call(SparkOperators.CacheMethod.MakeGenericMethod(typeof(T)), source.Expression, Expression.Constant(new CacheToken(level))));
    }

    /// <summary>Marks this query, used as a join side, to be sent whole to every task instead of shuffled.</summary>
    public static ISparkQueryable<T> Broadcast<T>(this IQueryable<T> source) =>
        Wrap(source, Expression.Call(SparkOperators.BroadcastMethod.MakeGenericMethod(typeof(T)), source.Expression));

    /// <summary>Runs the query as a job without blocking the caller; cancelling the token stops its tasks.</summary>
    public static async Task<List<T>> ToListAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default)
    {
        var rows = await ProviderOf(source).CollectAsync<T>(source.Expression, synchronous: false, cancellationToken).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>Runs the query as a job and streams its rows; cancelling the token stops its tasks.</summary>
    public static IAsyncEnumerable<T> AsAsyncEnumerable<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) =>
        ProviderOf(source).StreamAsync<T>(source.Expression, cancellationToken);

    private static SparkQueryable<T> Wrap<T>(IQueryable<T> source, Expression expression) => new(ProviderOf(source), expression);

    private static SparkQueryProvider ProviderOf<T>(IQueryable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Provider as SparkQueryProvider
            ?? throw new ArgumentException($"Not a Linq.Spark query (its provider is {source.Provider.GetType().Name}); start from SparkSession.Parallelize.", nameof(source));
    }
}
