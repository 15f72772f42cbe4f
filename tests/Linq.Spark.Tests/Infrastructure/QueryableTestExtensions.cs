namespace Linq.Spark.Tests;

/// <summary>Helpers for writing one query lambda that runs on both engines.</summary>
public static class QueryableTestExtensions
{
    /// <summary>Applies <paramref name="sparkOperator"/> (Repartition, Coalesce, Cache, Broadcast) on the Linq.Spark side only;
    /// on the LINQ to Objects side the query is left as it is.</summary>
    public static IQueryable<T> SparkOnly<T>(this IQueryable<T> query, Func<IQueryable<T>, IQueryable<T>> sparkOperator) =>
        query is EnumerableQuery<T> ? query : sparkOperator(query);
}
