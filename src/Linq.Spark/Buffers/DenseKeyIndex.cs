using System.Numerics;

namespace Linq.Spark.Buffers;

/// <summary>
/// The distinct keys of a join's build side when they lie close together (a table's int or long keys): a bitmap over
/// [min, max] with each word's count of keys before it, so a key's rank among the distinct keys (its slot) is a bit
/// test and a popcount. Six million order keys take under a megabyte and stay in the cache, where a hash table of a
/// million keys is a cache miss or three per probe (DuckDB's perfect hash join does the same for dense keys).
/// </summary>
internal sealed class DenseKeyIndex
{
    private readonly ulong[] _bits;
    private readonly int[] _before;
    private readonly long _min;
    private readonly ulong _range;

    private DenseKeyIndex(ulong[] bits, int[] before, long min, ulong range, int count)
    {
        _bits = bits;
        _before = before;
        _min = min;
        _range = range;
        Count = count;
    }

    /// <summary>How many distinct keys there are (slots are 0 to Count - 1, in key order).</summary>
    public int Count { get; }

    /// <summary>The index of <paramref name="keys"/>, or null when their range is wider than 64 bits per key (and than 2^20).</summary>
    public static DenseKeyIndex? TryCreate(ReadOnlySpan<long> keys)
    {
        if (keys.IsEmpty)
        {
            return new DenseKeyIndex([], [], 0, 0, 0);
        }

        long min = long.MaxValue, max = long.MinValue;
        foreach (var key in keys)
        {
            min = Math.Min(min, key);
            max = Math.Max(max, key);
        }

        var range = unchecked((ulong)(max - min) + 1);
        if (range == 0 || range > Math.Max(64UL * (ulong)keys.Length, 1UL << 20))
        {
            return null;
        }

        var bits = new ulong[(int)((range + 63) / 64)];
        foreach (var key in keys)
        {
            var offset = unchecked((ulong)(key - min));
            bits[(int)(offset >> 6)] |= 1UL << (int)(offset & 63);
        }

        var before = new int[bits.Length];
        var count = 0;
        for (var word = 0; word < bits.Length; word++)
        {
            before[word] = count;
            count += BitOperations.PopCount(bits[word]);
        }

        return new DenseKeyIndex(bits, before, min, range, count);
    }

    /// <summary>Whether the key is one of the keys.</summary>
    public bool Contains(long key)
    {
        var offset = unchecked((ulong)(key - _min));
        return offset < _range && (_bits[(int)(offset >> 6)] & (1UL << (int)(offset & 63))) != 0;
    }

    /// <summary>The key's slot (its rank among the distinct keys), or -1 when it is not one of them.</summary>
    public int Slot(long key)
    {
        var offset = unchecked((ulong)(key - _min));
        if (offset >= _range)
        {
            return -1;
        }

        var word = _bits[(int)(offset >> 6)];
        var bit = 1UL << (int)(offset & 63);
        return (word & bit) == 0 ? -1 : _before[(int)(offset >> 6)] + BitOperations.PopCount(word & (bit - 1));
    }
}
