namespace Linq.Spark.Execution.Shuffle;

/// <summary>What one shuffle map task wrote, as Spark's MapStatus: its output and how many rows and bytes per reducer.</summary>
/// <param name="MapId">The map task.</param>
/// <param name="Output">The blocks it wrote.</param>
/// <param name="RowsPerReducer">Rows written for each reducer.</param>
/// <param name="Bytes">Estimated bytes written.</param>
/// <param name="Failure">
/// For an exchange whose reader reads lazily in order (<see cref="Planning.Physical.ShuffleExchangeExec.DefersFailures"/>):
/// the error the task raised after writing its rows, which the reader raises only if it reads past them.
/// </param>
internal sealed record MapStatus(int MapId, object Output, long[] RowsPerReducer, long Bytes, Exception? Failure = null)
{
    public long Rows => RowsPerReducer.Sum();
}
