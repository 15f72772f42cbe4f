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

    /// <summary>The splits packed into partitions (at least one partition, empty when there is no data).</summary>
    public static IReadOnlyList<IReadOnlyList<FileSplit>> Pack(IEnumerable<FileSplit> splits, long maxSplitBytes, long openCost)
    {
        var partitions = new List<IReadOnlyList<FileSplit>>();
        var current = new List<FileSplit>();
        long size = 0;
        foreach (var split in splits)
        {
            if (current.Count > 0 && size + split.Length > maxSplitBytes)
            {
                partitions.Add(current);
                current = [];
                size = 0;
            }

            current.Add(split);
            size += split.Length + openCost;
        }

        if (current.Count > 0 || partitions.Count == 0)
        {
            partitions.Add(current);
        }

        return partitions;
    }
}
