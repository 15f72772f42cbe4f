using System.Collections.Concurrent;
using Linq.Spark.Execution;
using Linq.Spark.Execution.Blocks;
using Linq.Spark.Execution.Remote;
using Linq.Spark.Execution.Scheduling;
using Linq.Spark.Planning.Stages;

namespace Linq.Spark.Tests;

/// <summary>
/// A cluster's executors in this process: two <see cref="ExecutorRuntime"/>s of one thread each, to which a session
/// sends what a cluster session sends its workers, as bytes — each job's payload, its parallelized collections, each
/// task and its outcome — and whose reducers fetch the other executor's blocks as bytes. Only the transport (Orleans
/// and Flight, which the cluster tests run in real processes) is left out, so every oracle query can take the path of a
/// cluster job.
/// </summary>
internal sealed class InProcessExecutors : IClusterBackend, IRemoteBlocks
{
    private readonly ExecutorRuntime[] _executors;
    private readonly ConcurrentDictionary<JobRun, ConcurrentDictionary<int, Lazy<string>>> _sent = new();
    private readonly string _application = Guid.NewGuid().ToString("N");
    private readonly bool[] _lost;
    private readonly ConcurrentBag<int> _payloadBytes = [];
    private int _next;

    public InProcessExecutors(int executors = 2)
    {
        _executors = [.. Enumerable.Range(0, executors).Select(e => new ExecutorRuntime($"executor-{e}", 1, 256 << 20, null, this))];
        _lost = new bool[executors];
    }

    /// <summary>Loses an executor as a cluster loses a worker: it gets no more tasks, and its blocks can no longer be fetched.</summary>
    public void Lose(int executor) => Volatile.Write(ref _lost[executor], true);

    public int Slots => _executors.Length;

    /// <summary>The size of every job payload sent to an executor so far.</summary>
    public IReadOnlyCollection<int> PayloadBytes => _payloadBytes;

    /// <summary>A session on these executors.</summary>
    public static SparkSession Session(SparkOptions options) => Session(options, new InProcessExecutors());

    /// <summary>A session on <paramref name="executors"/>.</summary>
    public static SparkSession Session(SparkOptions options, InProcessExecutors executors) =>
        SparkSession.OnCluster(options with { ExecutorThreads = executors.Slots }, executors);

    public async Task<(TaskOutcome Outcome, int Slot)> RunAsync(
        JobRun job, Stage stage, int stageId, int partition, int attempt, bool lastOnly, bool keepPartialOutput, int maxTaskFailures, Action<int> started)
    {
        if (Array.TrueForAll(_lost, lost => lost))
        {
            throw new ExecutorLostException("No executor is left.", isRetriable: false);
        }

        var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)_executors.Length);
        while (Volatile.Read(ref _lost[index]))
        {
            index = (index + 1) % _executors.Length;
        }

        var executor = _executors[index];
        var allow = job.BlockTypes.Value;
        var key = _sent.GetOrAdd(job, j =>
        {
            j.Cancellation.Register(() => Array.ForEach(_executors, e => e.CancelJob(RemoteTasks.JobKey(_application, j))));
            return new();
        }).GetOrAdd(index, _ => new Lazy<string>(() =>
        {
            foreach (var source in RemoteTasks.SourcesOf(job))
            {
                if (!executor.HasSource(_application, source.Id))
                {
                    executor.AddSource(_application, source.Id, SourceWire.Write(source, allow));
                }
            }

            var jobKey = RemoteTasks.JobKey(_application, job);
            var payload = JobPayload.Of(job, allow).ToBytes();
            _payloadBytes.Add(payload.Length);
            executor.AddJob(_application, jobKey, JobPayload.FromBytes(payload), allow);
            return jobKey;
        })).Value;
        started(index);
        var outcome = await executor.RunAsync(key, RemoteTasks.Task(job, key, stage, stageId, partition, attempt, lastOnly, keepPartialOutput, maxTaskFailures, allow));
        return (TaskWire.ReadOutcome(outcome, allow, executor.ExecutorId, stage.Top.ElementType), index);
    }

    public void JobEnded(JobRun job)
    {
        if (_sent.TryRemove(job, out _))
        {
            Array.ForEach(_executors, e => e.EndJob(RemoteTasks.JobKey(_application, job)));
        }
    }

    public IEnumerable<(byte[] Rows, byte[]? Keys)> Fetch(string executorId, IReadOnlyList<ShuffleBlockId> blocks, CancellationToken cancellation)
    {
        var index = Array.FindIndex(_executors, e => e.ExecutorId == executorId);
        return Volatile.Read(ref _lost[index])
            ? throw new IOException($"Connection refused: {executorId} is gone.")
            : [.. blocks.Select(_executors[index].Block)];
    }

    public void Dispose() => Array.ForEach(_executors, e => e.Dispose());
}
