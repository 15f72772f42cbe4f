using StackExchange.Redis;

namespace Linq.Spark.Cluster.Tests;

/// <summary>A cluster whose membership is a table in Redis: workers join it and drivers find their gateways there, with no master.</summary>
public sealed class RedisMembershipTests(RedisClusterProcesses cluster) : IClassFixture<RedisClusterProcesses>
{
    [Fact]
    public void Queries_onWorkersFoundThroughRedis_matchLinqToObjects() => SalesCheck.GroupAndFilter_matchLinqToObjects(cluster.Session);

    [Fact]
    public async Task Membership_isKeptInRedis()
    {
        // The two workers' silos are rows of Orleans' membership table under the service's key in this Redis server.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis);
        var rows = await redis.GetDatabase().HashGetAllAsync("linq-spark/members/linq-spark");

        Assert.Equal(2, rows.Count(r => r.Value.ToString().Contains("worker-", StringComparison.Ordinal)));
    }
}
