using Linq.Spark.Columnar;
using Linq.Spark.Buffers;

namespace Linq.Spark.Execution.Shuffle;

/// <summary>
/// The sink of a range shuffle's map task: the rows as columns (one block) and, per row, its sort keys and index,
/// which are sorted afterwards to order the block.
/// </summary>
internal sealed class SortedRunWriter<TKeys>(IEncoder encoder, int mapId)
    : ColumnShuffleWriter(encoder, [.. encoder.Columns.Select(_ => true)], 1, mapId)
{
    public RowList<SortEntry<TKeys>> Entries { get; } = new();

    /// <summary>Records the sort keys of the row appended last.</summary>
    public void AddKeys(TKeys keys) => Entries.Add(new SortEntry<TKeys>(keys, Counts[0] - 1));
}

/// <summary>One row's sort keys and its index in the map task's block.</summary>
internal readonly record struct SortEntry<TKeys>(TKeys Keys, int Row);
