using Linq.Spark.Buffers;
using Linq.Spark.Columnar;

namespace Linq.Spark.Execution.Operators;

/// <summary>What consumers that need a whole partition at once make of a stream of column batches.</summary>
internal static class ColumnBatches
{
    /// <summary>The batches as one batch (the batch itself when there is one): for a join's build side.</summary>
    public static ColumnBatch Whole(IEncoder layout, IEnumerable<ColumnBatch> batches) => ColumnBatch.Concat(layout, batches.ToList());

    /// <summary>Every row of the batches, decoded into one array in order.</summary>
    public static PartitionData DecodeRows(IEncoder layout, IEnumerable<ColumnBatch> batches)
    {
        var decoded = batches.Select(layout.DecodeAll).ToList();
        if (decoded.Count == 1)
        {
            return new PartitionData(decoded[0], decoded[0].Length);
        }

        var rows = Array.CreateInstance(layout.RowType, decoded.Sum(d => d.Length));
        var offset = 0;
        foreach (var part in decoded)
        {
            Array.Copy(part, 0, rows, offset, part.Length);
            offset += part.Length;
        }

        return new PartitionData(rows, rows.Length);
    }
}
