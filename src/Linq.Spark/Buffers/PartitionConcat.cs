
namespace Linq.Spark.Buffers;

/// <summary>Concatenates partitions' rows in partition order.</summary>
internal static class PartitionConcat
{
    public static PartitionData Concat(Type rowType, IReadOnlyList<PartitionData> partitions)
    {
        var total = partitions.Sum(p => p.Count);
        var rows = Array.CreateInstance(rowType, total);
        var offset = 0;
        foreach (var partition in partitions)
        {
            Array.Copy(partition.Rows, 0, rows, offset, partition.Count);
            offset += partition.Count;
        }

        return new PartitionData(rows, total);
    }
}
