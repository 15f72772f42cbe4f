namespace Linq.Spark.Execution.Shuffle;

/// <summary>
/// A reducer could not fetch a map task's blocks from the executor that holds them (it was lost): Spark's
/// FetchFailed. The driver does not count it as the task's failure; it runs the shuffle's lost map tasks again and
/// then the reducer.
/// </summary>
internal sealed class FetchFailedException(int shuffleId, int mapId, string executorId, string reason, Exception? inner = null)
    : Exception($"Blocks of map task {mapId} of shuffle {shuffleId} could not be fetched from executor {executorId}: {reason}", inner)
{
    public int ShuffleId { get; } = shuffleId;

    public int MapId { get; } = mapId;

    /// <summary>The executor whose blocks are gone.</summary>
    public string ExecutorId { get; } = executorId;

    public string Reason { get; } = reason;
}
