using System.Globalization;
using StackExchange.Redis;

namespace Linq.Spark.Cluster.Tests;

/// <summary>A cluster whose membership is a table in Redis: workers join it and drivers find their gateways there, with no master.</summary>
public sealed class RedisMembershipTests(RedisClusterProcesses cluster) : IClassFixture<RedisClusterProcesses>
{
    public sealed record Sale(int Id, string Region, double Amount);

    [Fact]
    public void Queries_onWorkersFoundThroughRedis_matchLinqToObjects()
    {
        var sales = Enumerable.Range(0, 1000).Select(i => new Sale(i, $"region-{i % 7}", i % 13 * 1.5)).ToArray();
        var spark = cluster.Session.Parallelize(sales, 8);

        var expected = sales.GroupBy(s => s.Region).Select(g => $"{g.Key}:{g.Count()}:{g.Sum(s => s.Amount).ToString(CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal);
        var actual = spark.GroupBy(s => s.Region).Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(s => s.Amount) }).ToList()
            .Select(r => $"{r.Key}:{r.Count}:{r.Sum.ToString(CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
        Assert.Equal(sales.Where(s => s.Amount > 9).Select(s => s.Id), spark.Where(s => s.Amount > 9).Select(s => s.Id).ToList());
    }

    [Fact]
    public async Task Membership_isKeptInRedis()
    {
        // The two workers' silos are rows of Orleans' membership table under the service's key in this Redis server.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis);
        var rows = await redis.GetDatabase().HashGetAllAsync("linq-spark/members/linq-spark");

        Assert.Equal(2, rows.Count(r => r.Value.ToString().Contains("worker-", StringComparison.Ordinal)));
    }
}
