using Linq.Spark.Execution.Blocks;

namespace Linq.Spark.Execution.Shuffle;

/// <summary>
/// What one shuffle map task wrote, as Spark's MapStatus: where its blocks are and how large they are — never the
/// rows themselves, which the executor's block store holds.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="ShuffleId">The shuffle (its exchange's operator id).</param>
/// <param name="MapId">The map task.</param>
/// <param name="ExecutorId">The executor whose block store holds the blocks.</param>
/// <param name="RowsPerReducer">Rows written for each reducer.</param>
/// <param name="BlockBytes">Bytes of each block (per reducer; one sorted run for a range shuffle).</param>
/// <param name="KeySample">For a range shuffle: an even sample of the map task's sort keys, from which the driver picks reducer bounds.</param>
/// <param name="Failure">
/// For an exchange whose reader reads lazily in order (<see cref="Planning.Physical.ShuffleExchangeExec.DefersFailures"/>):
/// the error the task raised after writing its rows, which the reader raises only if it reads past them.
/// </param>
internal sealed record MapStatus(
    int JobId, int ShuffleId, int MapId, string ExecutorId, long[] RowsPerReducer, long[] BlockBytes, Array? KeySample = null, Exception? Failure = null)
{
    public long Rows => RowsPerReducer.Sum();

    public long Bytes => BlockBytes.Sum();

    /// <summary>The block this task wrote for <paramref name="reduceId"/>.</summary>
    public ShuffleBlockId Block(int reduceId) => new(JobId, ShuffleId, MapId, reduceId);
}
