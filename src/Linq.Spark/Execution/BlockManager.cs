using System.Collections.Concurrent;
using Linq.Spark.Buffers;

namespace Linq.Spark.Execution;

/// <summary>The session's store of cached partitions (Spark's BlockManager, memory only), keyed by cache token and partition.</summary>
internal sealed class BlockManager
{
    private readonly ConcurrentDictionary<(object Token, int Partition), PartitionData> _blocks = new();

    public PartitionData GetOrCompute(object token, int partition, Func<PartitionData> compute)
    {
        if (_blocks.TryGetValue((token, partition), out var block))
        {
            return block;
        }

        block = compute();
        return _blocks.GetOrAdd((token, partition), block);
    }

    /// <summary>Whether every partition of a cached input is stored.</summary>
    public bool HasAll(object token, int partitions)
    {
        for (var p = 0; p < partitions; p++)
        {
            if (!_blocks.ContainsKey((token, p)))
            {
                return false;
            }
        }

        return true;
    }

    public void Clear() => _blocks.Clear();
}
