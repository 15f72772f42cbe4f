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
        var all = batches.ToList();
        var rows = Array.CreateInstance(layout.RowType, all.Sum(b => b.Count));
        var offset = 0;
        foreach (var batch in all)
        {
            layout.DecodeInto(batch, rows, offset);
            offset += batch.Count;
        }

        return new PartitionData(rows, rows.Length);
    }
}
