namespace Linq.Spark.Execution.Buffers;

/// <summary>
/// An open-addressing hash table from key to an aggregation state, over plain arrays: kernels find a slot and
/// update <c>States[slot]</c> in place. Keys keep the order of their first appearance.
/// </summary>
internal sealed class AggregationMap<TKey, TState>
{
    private readonly IEqualityComparer<TKey> _comparer;
    private int[] _buckets = new int[16];
    private int[] _hashes = new int[8];

    public AggregationMap(IEqualityComparer<TKey>? comparer)
    {
        _comparer = comparer ?? EqualityComparer<TKey>.Default;
    }

    public TKey[] Keys { get; private set; } = new TKey[8];

    public TState[] States { get; private set; } = new TState[8];

    public int Count { get; private set; }

    /// <summary>The slot of the key, or -1 when absent; never changes the map, so readers may share it.</summary>
    public int Find(TKey key)
    {
        var hash = KeyHashing.Hash(_comparer, key);
        var mask = _buckets.Length - 1;
        var bucket = (int)(KeyHashing.Mix(hash) & (uint)mask);
        while (true)
        {
            var entry = _buckets[bucket] - 1;
            if (entry < 0)
            {
                return -1;
            }

            if (_hashes[entry] == hash && KeyHashing.Equal(_comparer, Keys[entry], key))
            {
                return entry;
            }

            bucket = (bucket + 1) & mask;
        }
    }

    /// <summary>The slot of the key: non-negative if it was present, the complement of the new slot if it was added.</summary>
    public int FindOrAdd(TKey key)
    {
        var hash = KeyHashing.Hash(_comparer, key);
        var mask = _buckets.Length - 1;
        var bucket = (int)(KeyHashing.Mix(hash) & (uint)mask);
        while (true)
        {
            var entry = _buckets[bucket] - 1;
            if (entry < 0)
            {
                break;
            }

            if (_hashes[entry] == hash && KeyHashing.Equal(_comparer, Keys[entry], key))
            {
                return entry;
            }

            bucket = (bucket + 1) & mask;
        }

        var slot = Count;
        if (slot == Keys.Length)
        {
            Grow();
            return FindOrAdd(key);
        }

        Keys[slot] = key;
        _hashes[slot] = hash;
        _buckets[bucket] = slot + 1;
        Count++;
        if (Count * 2 > _buckets.Length)
        {
            Rehash(_buckets.Length * 2);
        }

        return ~slot;
    }

    private void Grow()
    {
        var size = Keys.Length * 2;
        var keys = Keys;
        var states = States;
        Array.Resize(ref keys, size);
        Array.Resize(ref states, size);
        Array.Resize(ref _hashes, size);
        Keys = keys;
        States = states;
    }

    private void Rehash(int size)
    {
        _buckets = new int[size];
        var mask = size - 1;
        for (var i = 0; i < Count; i++)
        {
            var bucket = (int)(KeyHashing.Mix(_hashes[i]) & (uint)mask);
            while (_buckets[bucket] != 0)
            {
                bucket = (bucket + 1) & mask;
            }

            _buckets[bucket] = i + 1;
        }
    }
}
