using System.Reflection;

namespace Linq.Spark.Planning.Translation;

/// <summary>
/// The Linq.Spark-only operators as they appear inside query expressions. They are markers for the translator;
/// running one outside a Linq.Spark query is an error.
/// </summary>
internal static class SparkOperators
{
    public static readonly MethodInfo RepartitionMethod = Get(nameof(Repartition));
    public static readonly MethodInfo CoalesceMethod = Get(nameof(Coalesce));
    public static readonly MethodInfo CacheMethod = Get(nameof(Cache));
    public static readonly MethodInfo BroadcastMethod = Get(nameof(Broadcast));
    public static readonly MethodInfo WriteFilesMethod = Get(nameof(WriteFiles));
    public static readonly MethodInfo PartitionByMethod = Get(nameof(PartitionBy));

    public static IQueryable<T> Repartition<T>(IQueryable<T> source, int partitions) => throw Outside(nameof(Repartition));

    public static IQueryable<T> Coalesce<T>(IQueryable<T> source, int partitions) => throw Outside(nameof(Coalesce));

    public static IQueryable<T> Cache<T>(IQueryable<T> source, CacheToken token) => throw Outside(nameof(Cache));

    public static IQueryable<T> Broadcast<T>(IQueryable<T> source) => throw Outside(nameof(Broadcast));

    /// <summary>Marks the write that follows to put rows under key=value folders of these members; a write takes it off.</summary>
    public static IQueryable<T> PartitionBy<T>(IQueryable<T> source, string[] members) => throw Outside(nameof(PartitionBy));

    /// <summary>Writes each partition of the source to a file; the rows are the written files.</summary>
    public static IQueryable<Sources.Files.WrittenFile> WriteFiles<T>(IQueryable<T> source, Sources.Files.FileWriteSpec spec) => throw Outside(nameof(WriteFiles));

    /// <summary>Cast&lt;T&gt;'s conversion of one element; a failure is the operator's, not a user lambda's.</summary>
    public static T CastElement<T>(object? value)
    {
        try
        {
            return (T)value!;
        }
        catch (InvalidCastException e)
        {
            throw new Internal.OperatorException(e);
        }
        catch (NullReferenceException e)
        {
            throw new Internal.OperatorException(e);
        }
    }

    /// <summary>CountBy/AggregateBy keys, which LINQ to Objects refuses to be null.</summary>
    public static TKey RequireKey<TKey>(TKey key) =>
        key is null ? throw new Internal.OperatorException(new ArgumentNullException(nameof(key))) : key;

    private static MethodInfo Get(string name) => typeof(SparkOperators).GetMethod(name)!;

    private static NotSupportedException Outside(string name) =>
        new($"{name}() is a Linq.Spark operator and runs only inside a Linq.Spark query.");
}
