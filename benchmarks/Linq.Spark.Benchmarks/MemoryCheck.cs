namespace Linq.Spark.Benchmarks;

/// <summary>
/// What a session holds for 10,000,000 rows of <c>record Row(int Key, long A, double B)</c>: the retained managed
/// heap after Parallelize, once the caller's objects are gone, against the raw 20 bytes per row.
/// </summary>
public static class MemoryCheck
{
    public static void Run(int rows)
    {
        using var spark = SparkSession.Local();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var query = spark.Parallelize(Generate(rows));
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perRow = (double)(after - before) / rows;
        Console.WriteLine($"MEMORY parallelize {rows:N0} Row(int,long,double): {after - before:N0} bytes held, {perRow:F2} bytes/row (raw 20, target <= 25)");
        GC.KeepAlive(query);
    }

    private static IEnumerable<Row> Generate(int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            yield return new Row(i % 1000, i, i * 0.5);
        }
    }

    /// <summary>The memory-target row.</summary>
    public sealed record Row(int Key, long A, double B);
}
