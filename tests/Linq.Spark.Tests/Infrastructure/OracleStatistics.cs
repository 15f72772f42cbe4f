namespace Linq.Spark.Tests;

/// <summary>Counts the oracle cases run in this process, for the run summary.</summary>
public static class OracleStatistics
{
    private static long _cases;

    /// <summary>The number of cases run so far.</summary>
    public static long Cases => Interlocked.Read(ref _cases);

    /// <summary>Adds <paramref name="cases"/> to the count.</summary>
    public static void Add(int cases) => Interlocked.Add(ref _cases, cases);
}
