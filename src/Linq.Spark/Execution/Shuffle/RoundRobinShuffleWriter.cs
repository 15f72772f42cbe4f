using Linq.Spark.Execution.Buffers;

namespace Linq.Spark.Execution.Shuffle;

/// <summary>The sink of a Repartition map task: rows dealt to reducers in turn, starting at a place set by the map id.</summary>
internal sealed class RoundRobinShuffleWriter<T>(int reducers, int mapId)
{
    private int _next = (int)(KeyHashing.Mix(mapId) % (uint)reducers);

    public RowList<T>[] Buckets { get; } = Enumerable.Range(0, reducers).Select(_ => new RowList<T>(0)).ToArray();

    public void Add(T row)
    {
        Buckets[_next].Add(row);
        _next = _next + 1 == Buckets.Length ? 0 : _next + 1;
    }
}
