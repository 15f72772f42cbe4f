namespace Linq.Spark;

/// <summary>A query that runs on a <see cref="SparkSession"/>; nothing executes until an action enumerates or aggregates it.</summary>
/// <typeparam name="T">The element type.</typeparam>
public interface ISparkQueryable<out T> : IOrderedQueryable<T>
{
    /// <summary>The session whose executors run this query.</summary>
    SparkSession Session { get; }
}
