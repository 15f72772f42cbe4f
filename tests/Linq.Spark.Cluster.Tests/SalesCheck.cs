using System.Globalization;

namespace Linq.Spark.Cluster.Tests;

/// <summary>A shuffle-heavy query on a cluster session against LINQ to Objects, for the classes that test how a cluster is set up.</summary>
public static class SalesCheck
{
    /// <summary>A sale, a type of this assembly that the driver sends the workers.</summary>
    public sealed record Sale(int Id, string Region, double Amount);

    /// <summary>Groups 1,000 sales by region in 8 partitions (a shuffle between the workers) and filters them, as LINQ does.</summary>
    public static void GroupAndFilter_matchLinqToObjects(SparkSession session)
    {
        var sales = Enumerable.Range(0, 1000).Select(i => new Sale(i, $"region-{i % 7}", i % 13 * 1.5)).ToArray();
        var spark = session.Parallelize(sales, 8);

        var expected = sales.GroupBy(s => s.Region).Select(g => $"{g.Key}:{g.Count()}:{g.Sum(s => s.Amount).ToString(CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal);
        var actual = spark.GroupBy(s => s.Region).Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(s => s.Amount) }).ToList()
            .Select(r => $"{r.Key}:{r.Count}:{r.Sum.ToString(CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
        Assert.Equal(sales.Where(s => s.Amount > 9).Select(s => s.Id), spark.Where(s => s.Amount > 9).Select(s => s.Id).ToList());
    }
}
