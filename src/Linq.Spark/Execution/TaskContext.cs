using Linq.Spark.Buffers;
using Linq.Spark.Compilation;

namespace Linq.Spark.Execution;

/// <summary>What a running task knows about itself: its job, stage, partition and attempt, and its job's run state.</summary>
internal sealed class TaskContext(JobRun job, int stageId, int partitionId, int attempt) : TaskControl(job.Parameters, job.Cancel, job.Metrics?.OperatorCount)
{
    private Dictionary<int, (int Partition, object Lookup)>? _lookups;

    public JobRun Job { get; } = job;

    /// <summary>Adds this attempt's counts to its query's metrics; called for a kept attempt only, so a retried task counts once.</summary>
    public void KeepCounts()
    {
        if (Job.Metrics is { } metrics && OperatorRows is { } rows)
        {
            metrics.Add(rows, OperatorsRan!);
        }
    }

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
}
