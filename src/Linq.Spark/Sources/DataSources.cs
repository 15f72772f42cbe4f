namespace Linq.Spark.Sources;

/// <summary>Turns a scan slot's value (a session source or an in-memory collection) into an <see cref="IDataSource"/>.</summary>
internal static class DataSources
{
    public static IDataSource From(object? value, Type elementType, int batchSize) => value switch
    {
        IDataSource source => source,
        ISparkQuery root => SourceOf(root),
        System.Collections.IEnumerable collection => (IDataSource)Activator.CreateInstance(
            typeof(ParallelizedSource<>).MakeGenericType(elementType), collection, 1, batchSize)!,
        _ => throw new ArgumentNullException(nameof(value), "A collection used in a Linq.Spark query is null."),
    };

    /// <summary>The partition count a scan of this value has (in-memory collections are one partition).</summary>
    public static int PartitionCount(object? value) => value is ISparkQuery root ? SourceOf(root).NumPartitions : 1;

    /// <summary>Whether the value is a file source (its scans carry pushed filters and show their read schema).</summary>
    public static bool ReadsFiles(object? value) => value is ISparkQuery { Source.ReadsFiles: true };

    public static long RowCount(object? value) => value switch
    {
        ISparkQuery root => SourceOf(root).RowCount,
        System.Collections.ICollection c => c.Count,
        System.Collections.IEnumerable e => e.Cast<object>().LongCount(),
        _ => 0,
    };

    private static IDataSource SourceOf(ISparkQuery root) =>
        root.Source ?? throw new InvalidOperationException("A Linq.Spark query used as a source must be a root query.");
}
