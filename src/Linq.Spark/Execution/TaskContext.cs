using Linq.Spark.Buffers;
using Linq.Spark.Compilation;

namespace Linq.Spark.Execution;

/// <summary>What a running task knows about itself: its job, stage, partition and attempt, and its job's run state.</summary>
internal sealed class TaskContext(JobRun job, int stageId, int partitionId, int attempt) : TaskControl(job.Parameters, job.Cancel, job.Metrics?.OperatorCount)
{
    private Dictionary<int, (int Partition, object Lookup)>? _lookups;
    private Memory.TaskMemory? _memory;
    private Dictionary<int, Memory.MemoryReservation>? _joinReservations;

    public JobRun Job { get; } = job;

    /// <summary>The attempt's execution memory, made when an operator first reserves; the driver's later steps share the driver's.</summary>
    public Memory.TaskMemory Memory
    {
        get => _memory ??= new Memory.TaskMemory(
            Job.Memory,
            () => StageId < 0 ? $"the driver's final step of job {Job.JobId}" : $"task {PartitionId} (attempt {Attempt}) of stage {StageId}");
        init => _memory = value;
    }

    /// <summary>The attempt's execution memory, or null when no operator reserved any.</summary>
    public Memory.TaskMemory? MemoryUsed => _memory;

    /// <summary>
    /// Per operator id, the stopwatch ticks spent in the operator's own work in this attempt, when the query counts its
    /// operators; null otherwise. Only operators that are not fused into a kernel are timed (their nested operators'
    /// time is not theirs); a kernel's time is its stage's.
    /// </summary>
    public long[]? OperatorTicks { get; init; } = job.Metrics is { } counted ? new long[counted.OperatorCount] : null;

    /// <summary>Ticks that timed operators nested in the one being timed took, to be taken from its own.</summary>
    public long NestedTicks { get; set; }

    /// <summary>A new reservation of the attempt's execution memory for operator <paramref name="node"/>.</summary>
    public Memory.MemoryReservation Reserve(Planning.Physical.ExecNode node) => Memory.Reserve(node.Id, () => Internal.CSharpText.Readable(node.Describe()));

    /// <summary>The reservation of a shuffled join's build side in this attempt, one per join, reused for each kernel partition's lookup.</summary>
    public Memory.MemoryReservation JoinReservation(Planning.Physical.ExecNode join)
    {
        _joinReservations ??= [];
        if (!_joinReservations.TryGetValue(join.Id, out var reservation))
        {
            _joinReservations[join.Id] = reservation = Reserve(join);
        }

        return reservation;
    }

    /// <summary>Gives back the execution memory the attempt's operators still hold (it ended, however it ended).</summary>
    public void ReleaseMemory() => _memory?.ReleaseAll();

    /// <summary>Adds this attempt's counts (and its operators' peak memory) to its query's metrics; called for a kept attempt only, so a retried task counts once.</summary>
    public void KeepCounts()
    {
        if (Job.Metrics is { } metrics)
        {
            Counts()?.AddTo(metrics);
        }
    }

    /// <summary>This attempt's counts per operator (null when the query counts nothing), as a cluster executor sends them to the driver.</summary>
    public TaskCounts? Counts() =>
        OperatorRows is { } rows
            ? new TaskCounts(rows, OperatorsRan!, OperatorTicks!, _memory?.OperatorPeaks ?? new Dictionary<int, long>(), _memory?.OperatorSpills ?? new Dictionary<int, long>())
            : null;

    public int StageId { get; } = stageId;

    public int PartitionId { get; } = partitionId;

    public int Attempt { get; } = attempt;

    /// <summary>
    /// Whether a failing result task hands over the rows it produced before the failure (its partition's prefix),
    /// for a result that may not need the rest (see <see cref="Planning.Physical.ExecNode.RowsNeeded"/>).
    /// </summary>
    public bool KeepsPartialOutput { get; set; }

    /// <summary>Rows handed to the driver's own narrow steps after a driver-side final step.</summary>
    public PartitionData DriverRows { get; init; }

    public override void ThrowIfCancelled() => Job.Cancellation.ThrowIfCancellationRequested();

    /// <summary>
    /// The lookup is built once per join and kernel partition and kept while the task reads that partition: its
    /// kernel asks again for every batch.
    /// </summary>
    public override object JoinLookup(int joinId)
    {
        _lookups ??= [];
        if (_lookups.TryGetValue(joinId, out var kept) && kept.Partition == KernelPartition)
        {
            return kept.Lookup;
        }

        var lookup = Job.Runtime.JoinLookup(joinId, this);
        _lookups[joinId] = (KernelPartition, lookup);
        return lookup;
    }

    /// <summary>Sets the lookup join <paramref name="joinId"/>'s kernel reads in <paramref name="partition"/> (built before the kernel ran, or one bucket's of a grace hash join).</summary>
    public void SetJoinLookup(int joinId, int partition, object lookup)
    {
        _lookups ??= [];
        _lookups[joinId] = (partition, lookup);
    }
}
