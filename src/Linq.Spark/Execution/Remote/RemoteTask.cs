using Linq.Spark.Execution.Shuffle;

namespace Linq.Spark.Execution.Remote;

/// <summary>
/// One task attempt as a cluster executor receives it: which job (already sent to the executor with its plan and
/// values), which operator's partition, and where the shuffle outputs it reads are (the map statuses the driver
/// tracks, with a range shuffle's bounds).
/// </summary>
/// <param name="JobKey">The job, as the driver named it when it sent the job.</param>
/// <param name="StageId">The stage's session-wide id (for errors and logs).</param>
/// <param name="IsMap">Whether the task runs the map side of exchange <paramref name="NodeId"/>, else computes a partition of operator <paramref name="NodeId"/>.</param>
/// <param name="NodeId">The operator id in the job's plan.</param>
/// <param name="Partition">The partition (or map id).</param>
/// <param name="Attempt">The attempt number, from 1.</param>
/// <param name="LastOnly">Whether only the partition's last row is wanted (Last()).</param>
/// <param name="KeepPartialOutput">Whether a failing result task returns the rows it produced before failing.</param>
/// <param name="MaxTaskFailures">The attempts the task gets in all.</param>
/// <param name="Shuffles">The finished shuffles of the job, whose blocks the task may read.</param>
internal sealed record RemoteTask(
    string JobKey,
    int StageId,
    bool IsMap,
    int NodeId,
    int Partition,
    int Attempt,
    bool LastOnly,
    bool KeepPartialOutput,
    int MaxTaskFailures,
    IReadOnlyList<RemoteShuffle> Shuffles);

/// <summary>A finished shuffle as a reducer on another executor needs it: every map task's status and, for a range shuffle, the bounds.</summary>
internal sealed record RemoteShuffle(int ShuffleId, IReadOnlyList<MapStatus> Statuses, Array? RangeBounds);
