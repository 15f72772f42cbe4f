using Orleans.TestingHost;

namespace Linq.Spark.Cluster.Tests;

/// <summary>Executor grains live on the silo their key names: checked on Orleans' in-process test cluster of two silos.</summary>
public sealed class PlacementTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public interface IWhereGrain : IGrainWithStringKey
    {
        Task<string> Silo();
    }

    [SiloPinnedPlacement]
    public sealed class WhereGrain(ILocalSiloDetails silo) : Grain, IWhereGrain
    {
        public Task<string> Silo() => Task.FromResult(silo.SiloAddress.ToParsableString());
    }

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSilo((_, silo) => silo.Services.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>());
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Grain_isPlacedOnTheSiloItsKeyNames()
    {
        foreach (var silo in _cluster.Silos)
        {
            var key = silo.SiloAddress.ToParsableString();
            Assert.Equal(key, await _cluster.Client.GetGrain<IWhereGrain>(key).Silo());
        }
    }

    [Fact]
    public async Task Grain_forASiloNotInTheCluster_failsNamingIt()
    {
        var absent = SiloAddress.New(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1), 42).ToParsableString();

        var error = await Assert.ThrowsAnyAsync<OrleansException>(() => _cluster.Client.GetGrain<IWhereGrain>(absent).Silo());
        Assert.Contains("is not an active member of the cluster", error.Message, StringComparison.Ordinal);
    }
}
