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
/// <param name="BytesPerReducer">Bytes of each reducer's blocks (one sorted run for a range shuffle).</param>
/// <param name="BlocksPerReducer">How many blocks (batches) the task wrote for each reducer.</param>
/// <param name="KeySample">For a range shuffle: an even sample of the map task's sort keys, from which the driver picks reducer bounds.</param>
/// <param name="Failure">
/// For an exchange whose reader reads lazily in order (<see cref="Planning.Physical.ShuffleExchangeExec.DefersFailures"/>):
/// the error the task raised after writing its rows, which the reader raises only if it reads past them.
/// </param>
internal sealed record MapStatus(
    int JobId,
    int ShuffleId,
    int MapId,
    string ExecutorId,
    long[] RowsPerReducer,
    long[] BytesPerReducer,
    int[] BlocksPerReducer,
    Array? KeySample = null,
    Exception? Failure = null)
{
    public long Rows => RowsPerReducer.Sum();

    public long Bytes => BytesPerReducer.Sum();

    /// <summary>The blocks this task wrote for <paramref name="reduceId"/>, in the order it wrote them.</summary>
    public IEnumerable<ShuffleBlockId> Blocks(int reduceId) =>
        Enumerable.Range(0, BlocksPerReducer[reduceId]).Select(b => new ShuffleBlockId(JobId, ShuffleId, MapId, reduceId, b));
}
