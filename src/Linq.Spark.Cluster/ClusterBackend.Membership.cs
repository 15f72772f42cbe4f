using Linq.Spark.Execution.Scheduling;

namespace Linq.Spark.Cluster;

/// <summary>The workers the driver knows: found at connection, then followed as they join and leave.</summary>
internal sealed partial class ClusterBackend
{
    private RemoteExecutor[] Executors()
    {
        lock (_slots)
        {
            return [.. _executors];
        }
    }

    /// <summary>
    /// Follows the cluster's membership (every half second): a worker that is no longer active is lost, its running task
    /// calls end with <see cref="ExecutorLostException"/> (the scheduler runs them again elsewhere) and no task goes to
    /// it; its map outputs are found missing by the reducers that read them. A worker that joins (or comes back, as a new
    /// silo) takes tasks from then on.
    /// </summary>
    private async Task WatchMembershipAsync(IClusterClient cluster)
    {
        var management = cluster.GetGrain<IManagementGrain>(0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var workers = (await management.GetDetailedHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), _stop.Token).ConfigureAwait(false))
                    .Where(h => h.SiloName.StartsWith(ClusterEndpoints.WorkerNamePrefix, StringComparison.Ordinal))
                    .Select(h => h.SiloAddress.ToParsableString())
                    .ToHashSet(StringComparer.Ordinal);
                var known = Executors();
                foreach (var executor in known.Where(e => !e.IsLost && !workers.Contains(e.SiloKey)))
                {
                    executor.MarkLost();
                }

                foreach (var silo in workers.Except(known.Select(e => e.SiloKey), StringComparer.Ordinal))
                {
                    await JoinAsync(cluster, silo).ConfigureAwait(false);
                }

                await Task.Delay(500, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                // The membership did not answer this time, or a new worker was not ready yet; ask again.
            }
        }
    }

    /// <summary>Adds a worker that joined after the connection, and wakes the tasks waiting for a slot.</summary>
    private async Task JoinAsync(IClusterClient cluster, string silo)
    {
        var grain = cluster.GetGrain<IExecutorGrain>(silo);
        var description = await grain.Describe().WaitAsync(TimeSpan.FromSeconds(5), _stop.Token).ConfigureAwait(false);
        ChangeSlots(() => _executors.Add(new RemoteExecutor(_executors.Count, silo, grain, description, _tls)));
    }

    private static async Task<List<string>> WaitForWorkersAsync(IClusterClient cluster, string master, int workers, TimeSpan wait, CancellationToken cancellation)
    {
        var management = cluster.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var answer = management.GetDetailedHosts(onlyActive: true);
            try
            {
                // A grain call waits as long as a task may run; the cluster's first answer waits only as long as asked.
                await answer.WaitAsync(Max(deadline - DateTime.UtcNow, TimeSpan.FromSeconds(1)), cancellation).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw NoAnswer(master, wait);
            }

            var hosts = await answer.ConfigureAwait(false);
            var found = hosts.Where(h => h.SiloName.StartsWith(ClusterEndpoints.WorkerNamePrefix, StringComparison.Ordinal))
                .Select(h => h.SiloAddress.ToParsableString())
                .Order(StringComparer.Ordinal)
                .ToList();
            if (found.Count >= Math.Max(1, workers))
            {
                return found;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"The master at {master} has {found.Count} worker(s); waited {wait.TotalSeconds:0} s for {Math.Max(1, workers)}. Start workers with: linq-spark worker --master {master}");
            }

            await Task.Delay(200, cancellation).ConfigureAwait(false);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeoutException NoAnswer(string master, TimeSpan wait) => new(
        $"The cluster at {master} did not answer within {wait.TotalSeconds:0} s. Check the address, and that the driver uses TLS with the same certificate as the cluster's processes if they use it (--tls-certificate), or not at all if they do not.");
}
