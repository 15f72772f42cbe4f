using Linq.Spark.Execution.Buffers;

namespace Linq.Spark.Execution.Shuffle;

/// <summary>The sink of a hash-partitioned shuffle map task: one row list per reducer.</summary>
internal sealed class HashShuffleWriter<T>(int reducers)
{
    public RowList<T>[] Buckets { get; } = Enumerable.Range(0, reducers).Select(_ => new RowList<T>(0)).ToArray();

    public void Add(T row, int hash) => Buckets[KeyHashing.PartitionOf(hash, Buckets.Length)].Add(row);
}
