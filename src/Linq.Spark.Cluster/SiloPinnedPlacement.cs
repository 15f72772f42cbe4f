using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Linq.Spark.Cluster;

/// <summary>Places a grain on the silo whose address is its key: a worker's executor grain lives on that worker.</summary>
[GenerateSerializer, Immutable]
internal sealed class SiloPinnedPlacement : PlacementStrategy;

/// <summary>Marks a grain class as placed by <see cref="SiloPinnedPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class SiloPinnedPlacementAttribute() : PlacementAttribute(new SiloPinnedPlacement());

/// <summary>Chooses the silo a <see cref="SiloPinnedPlacement"/> grain's key names, and fails when that silo is not active.</summary>
internal sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString() ?? string.Empty;
        var wanted = SiloAddress.FromParsableString(key);
        foreach (var silo in context.GetCompatibleSilos(target))
        {
            if (silo.Equals(wanted))
            {
                return Task.FromResult(silo);
            }
        }

        throw new OrleansException($"The worker {key} is not an active member of the cluster.");
    }
}
