namespace Linq.Spark.Execution.Shuffle;

/// <summary>What one shuffle map task wrote, as Spark's MapStatus: its output and how many rows and bytes per reducer.</summary>
internal sealed record MapStatus(int MapId, object Output, long[] RowsPerReducer, long Bytes)
{
    public long Rows => RowsPerReducer.Sum();
}
