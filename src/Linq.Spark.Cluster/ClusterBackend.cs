using Orleans.Configuration;
using System.Collections.Concurrent;
using System.Reflection;
using Linq.Spark.Execution;
using Linq.Spark.Execution.Remote;
using Linq.Spark.Execution.Scheduling;
using Linq.Spark.Execution.Shuffle;
using Linq.Spark.Planning.Stages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Linq.Spark.Cluster;

/// <summary>
/// The driver's side of cluster mode (Spark's scheduler backend): an Orleans client of the master, the workers'
/// executors it found there, and for each job what it sent where. Before a job's first task on an executor, the
/// application's assemblies and parallelized collections (once per executor) and the job's plan and values go over
/// the executor's Flight endpoint;
/// each task then is one grain call carrying the task and the map statuses of the shuffles it reads.
/// </summary>
internal sealed partial class ClusterBackend : IClusterBackend
{
    private static readonly Guid EngineMvid = typeof(SparkSession).Assembly.ManifestModule.ModuleVersionId;

    private readonly IHost _client;
    private readonly string _master;
    private readonly List<RemoteExecutor> _executors;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;
    private readonly ConcurrentDictionary<JobRun, Shipment> _jobs = new();
    private readonly string _applicationId = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<Assembly, Assembly[]> _closures = new();
    private readonly Lock _slots = new();
    private readonly ClusterTls? _tls;
    private TaskCompletionSource _slotFreed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ClusterBackend(IHost client, string master, RemoteExecutor[] executors, ClusterTls? tls)
    {
        _tls = tls;
        _client = client;
        _master = master;
        _executors = [.. executors];
        Slots = executors.Sum(e => e.Description.Threads);
        _watch = WatchMembershipAsync(client.Services.GetRequiredService<IClusterClient>());
    }

    /// <summary>The task slots of the workers there at connection (the session's default parallelism); workers that join later add theirs to the scheduling, not to this.</summary>
    public int Slots { get; }

    /// <summary>Connects to the master at <paramref name="master"/> and waits until <paramref name="workers"/> workers have joined.</summary>
    public static async Task<ClusterBackend> ConnectAsync(string master, int workers, TimeSpan wait, ClusterTls? tls, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder();
        ClusterEndpoints.QuietLogging(builder.Logging);
        builder.UseOrleansClient(client =>
        {
            ClusterEndpoints.UseMembership(client, master);
            tls?.Apply(client);
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterEndpoints.ClusterId, ClusterEndpoints.ServiceId));
            // A task is one grain call that lasts as long as the task.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(30));
        });
        var host = builder.Build();
        try
        {
            using (var starting = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                // The client retries a gateway that refuses it (another TLS certificate, or none) for as long as it may.
                starting.CancelAfter(wait);
                try
                {
                    await host.StartAsync(starting.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    throw NoAnswer(master, wait);
                }
            }

            var cluster = host.Services.GetRequiredService<IClusterClient>();
            var hosts = await WaitForWorkersAsync(cluster, master, workers, wait, cancellation).ConfigureAwait(false);
            var executors = new List<RemoteExecutor>();
            foreach (var silo in hosts)
            {
                var grain = cluster.GetGrain<IExecutorGrain>(silo);
                var description = await grain.Describe().ConfigureAwait(false);
                executors.Add(new RemoteExecutor(executors.Count, silo, grain, description, tls));
            }

            return new ClusterBackend(host, master, [.. executors], tls);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public async Task<(TaskOutcome Outcome, int Slot)> RunAsync(
        JobRun job, Stage stage, int stageId, int partition, int attempt, bool lastOnly, bool keepPartialOutput, int maxTaskFailures, Action<int> started)
    {
        var shipment = _jobs.GetOrAdd(job, j => new Shipment(this, j));
        var executor = await TakeSlotAsync(shipment, stageId, partition, job.Cancellation).ConfigureAwait(false);
        try
        {
            await shipment.SendToAsync(executor).ConfigureAwait(false);
            started(executor.Index);
            var task = RemoteTasks.Task(job, shipment.Key, stage, stageId, partition, attempt, lastOnly, keepPartialOutput, maxTaskFailures, shipment.Allow);
            // A call to a worker that dies is not answered: the membership watch ends it.
            var reply = await executor.Grain.RunTask(shipment.Key, task).WaitAsync(executor.Lost).ConfigureAwait(false);
            var outcome = reply.Outcome ?? await FlightBytes.GetAsync(executor.Flight, reply.Ticket!, job.Cancellation).ConfigureAwait(false);
            var ended = TaskWire.ReadOutcome(outcome, shipment.Allow, executor.Description.ExecutorId, stage.Top.ElementType);
            if (ended.Error is { } error && error is not FetchFailedException and not OperationCanceledException)
            {
                shipment.Failed(executor, stageId, partition);
            }

            return (ended, executor.Index);
        }
        catch (OperationCanceledException) when (executor.IsLost)
        {
            throw new ExecutorLostException($"Executor {executor.Description.ExecutorId} was lost while it ran the task.");
        }
        finally
        {
            ReleaseSlot(executor);
        }
    }

    public void JobEnded(JobRun job)
    {
        if (_jobs.TryRemove(job, out var shipment))
        {
            foreach (var executor in shipment.SentTo)
            {
                _ = executor.Grain.EndJob(shipment.Key);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _watch.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The watch ends by cancellation.
        }

        var executors = Executors();
        try
        {
            Task.WhenAll(executors.Where(e => !e.IsLost).Select(e => e.Grain.EndApplication(_applicationId))).Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // A worker that is gone has nothing left to drop.
        }

        foreach (var executor in executors)
        {
            executor.Dispose();
        }

        _client.StopAsync().Wait(TimeSpan.FromSeconds(10));
        _client.Dispose();
        _stop.Dispose();
    }

}
