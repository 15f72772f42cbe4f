using System.Collections;
using System.Globalization;
using Linq.Spark.Tpch;

namespace Linq.Spark.Cluster.Tests;

/// <summary>
/// The 22 TPC-H queries at SF 0.1 on a master and two worker processes, each answer equal to local mode's on the same
/// rows: the same values row by row, numbers that are sums of doubles within a part in a billion (the workers add them
/// up in another order).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TpchOnClusterTests(ClusterProcesses cluster)
{
    private const double ScaleFactor = 0.1;

    private static readonly Lazy<TpchData> Data = new(() => new TpchGenerator(ScaleFactor, TpchGenerator.DefaultSeed).Generate());

    public static TheoryData<int> Queries() => [.. Enumerable.Range(1, TpchQueries.Count)];

    [Theory]
    [MemberData(nameof(Queries))]
    public void Query_onTheCluster_equalsLocalMode(int number)
    {
        using var local = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        var expected = Rows(TpchQueries.ByNumber(number, Data.Value.ToSpark(local)));
        var actual = Rows(TpchQueries.ByNumber(number, Data.Value.ToSpark(cluster.Session)));

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, actual.Count);
        for (var r = 0; r < expected.Count; r++)
        {
            Assert.True(
                expected[r].Length == actual[r].Length && expected[r].Zip(actual[r]).All(pair => Close(pair.First, pair.Second)),
                $"Q{number} row {r}: local [{string.Join(", ", expected[r])}], cluster [{string.Join(", ", actual[r])}]");
        }
    }

    /// <summary>Each row's public properties in declaration order.</summary>
    private static List<object?[]> Rows(IEnumerable rows)
    {
        var result = new List<object?[]>();
        foreach (var row in rows)
        {
            var properties = row.GetType().GetProperties().OrderBy(p => p.MetadataToken);
            result.Add([.. properties.Select(p => p.GetValue(row))]);
        }

        return result;
    }

    private static bool Close(object? expected, object? actual) => (expected, actual) switch
    {
        (double e, double a) => e == a || Math.Abs(e - a) <= 1e-9 * Math.Max(Math.Abs(e), Math.Abs(a)),
        _ => Equals(expected, actual) || string.Equals(Convert.ToString(expected, CultureInfo.InvariantCulture), Convert.ToString(actual, CultureInfo.InvariantCulture), StringComparison.Ordinal),
    };
}
