namespace Linq.Spark.Execution.Blocks;

/// <summary>
/// Names one shuffle block (Spark's ShuffleBlockId): the <see cref="Batch"/>-th batch of rows that map task
/// <see cref="MapId"/> wrote for reducer <see cref="ReduceId"/>.
/// </summary>
/// <param name="JobId">The job (shuffle ids are numbered per plan, so two jobs of one plan have the same ones).</param>
/// <param name="ShuffleId">The exchange's operator id.</param>
/// <param name="MapId">The map task.</param>
/// <param name="ReduceId">The reducer (0 for a range shuffle's one sorted run per map task).</param>
/// <param name="Batch">The block's place among the map task's blocks for the reducer, from 0.</param>
internal readonly record struct ShuffleBlockId(int JobId, int ShuffleId, int MapId, int ReduceId, int Batch = 0)
{
    public override string ToString() => $"shuffle_{JobId}_{ShuffleId}_{MapId}_{ReduceId}_{Batch}";
}
