namespace Linq.Spark.Sources.Files;

/// <summary>
/// Cuts files into splits and packs splits into partitions, as Spark's FilePartition does: a split is at most
/// maxSplitBytes = min(MaxPartitionBytes, max(FileOpenCostBytes, bytes per core)); a partition takes splits in path
/// order until the next one would take it past maxSplitBytes, each split counting its bytes plus the open cost. Files
/// stay in path order and their splits in byte order, so the partitions one after another are the files' rows in order.
/// </summary>
internal static class SplitPlanner
{
    /// <summary>The byte size splits aim at for these files on this session.</summary>
    public static long MaxSplitBytes(IReadOnlyList<DataFile> files, SparkOptions options)
    {
        var total = files.Sum(f => f.Length + options.FileOpenCostBytes);
        var perCore = total / Math.Max(1, options.EffectiveDefaultParallelism);
        return Math.Min(options.MaxPartitionBytes, Math.Max(options.FileOpenCostBytes, perCore));
    }

    /// <summary>The splits (byte ranges, Arrow record batches) packed into partitions (at least one partition, empty when there is no data).</summary>
    public static IReadOnlyList<IReadOnlyList<TSplit>> Pack<TSplit>(IEnumerable<TSplit> splits, Func<TSplit, long> bytes, long maxSplitBytes, long openCost)
    {
        var partitions = new List<IReadOnlyList<TSplit>>();
        var current = new List<TSplit>();
        long size = 0;
        foreach (var split in splits)
        {
            if (current.Count > 0 && size + bytes(split) > maxSplitBytes)
            {
                partitions.Add(current);
                current = [];
                size = 0;
            }

            current.Add(split);
            size += bytes(split) + openCost;
        }

        if (current.Count > 0 || partitions.Count == 0)
        {
            partitions.Add(current);
        }

        return partitions;
    }
}
