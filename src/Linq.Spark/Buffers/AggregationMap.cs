using System.Buffers;
using System.Runtime.CompilerServices;

namespace Linq.Spark.Buffers;

/// <summary>
/// An open-addressing hash table from key to an aggregation state, over plain arrays: kernels find a slot and
/// update <c>States[slot]</c> in place. Keys keep the order of their first appearance. Int keys close together skip
/// hashing: a direct array from the first key's block upwards maps them to their slot. Large arrays come from the shared array pools, and an
/// owner whose map is done with (<see cref="Release"/>) hands them back: a table of a million groups is then no
/// longer a few hundred megabytes of large-object garbage per task, each batch of which costs a full collection.
/// </summary>
internal sealed class AggregationMap<TKey, TState>
{
    /// <summary>Int keys in [base, base + DirectLimit) are found through the direct array instead of the hash table.</summary>
    private const int DirectLimit = 1 << 23;

    private readonly IEqualityComparer<TKey>? _comparer;
    /// <summary>Arrays at least this long are rented from the shared pools (smaller ones die young, cheaply).</summary>
    private const int PooledLength = 4096;

    private int[] _buckets = new int[16];
    private int[] _hashes = new int[8];
    private int[] _direct = typeof(TKey) == typeof(int) ? new int[256] : [];
    private int _directBase;
    private int _hashed;

    public AggregationMap(IEqualityComparer<TKey>? comparer)
    {
        _comparer = comparer is null || ReferenceEquals(comparer, EqualityComparer<TKey>.Default) ? null : comparer;
    }

    /// <summary>A map sized for about <paramref name="capacity"/> keys up front (a join lookup knows its build rows), so it never grows.</summary>
    public AggregationMap(IEqualityComparer<TKey>? comparer, int capacity)
        : this(comparer)
    {
        if (capacity <= Keys.Length)
        {
            return;
        }

        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        Keys = Rent<TKey>(size, zeroed: false);
        States = Rent<TState>(size, zeroed: true);
        _hashes = Rent<int>(size, zeroed: false);
        _buckets = Rent<int>(size * 2, zeroed: true);
    }

    public TKey[] Keys { get; private set; } = new TKey[8];

    public TState[] States { get; private set; } = new TState[8];

    public int Count { get; private set; }

    /// <summary>The slot of the key, or -1 when absent; never changes the map, so readers may share it.</summary>
    public int Find(TKey key)
    {
        if (IsDirect(key, out var direct) && direct < _direct.Length)
        {
            return _direct[direct] - 1;
        }

        var hash = Hash(key);
        var mask = _buckets.Length - 1;
        var bucket = (int)(KeyHashing.Mix(hash) & (uint)mask);
        while (true)
        {
            var entry = _buckets[bucket] - 1;
            if (entry < 0)
            {
                return -1;
            }

            if (_hashes[entry] == hash && Equal(Keys[entry], key))
            {
                return entry;
            }

            bucket = (bucket + 1) & mask;
        }
    }

    /// <summary>The slot of the key: non-negative if it was present, the complement of the new slot if it was added.</summary>
    public int FindOrAdd(TKey key)
    {
        if (Count == 0)
        {
            StartDirectAt(key);
        }

        if (IsDirect(key, out var direct) && (direct < _direct.Length || TryGrowDirect(direct)))
        {
            var existing = _direct[direct] - 1;
            if (existing >= 0)
            {
                return existing;
            }

            var added = Append(key, 0);
            _direct[direct] = added + 1;
            return ~added;
        }

        var hash = Hash(key);
        var mask = _buckets.Length - 1;
        var bucket = (int)(KeyHashing.Mix(hash) & (uint)mask);
        while (true)
        {
            var entry = _buckets[bucket] - 1;
            if (entry < 0)
            {
                break;
            }

            if (_hashes[entry] == hash && Equal(Keys[entry], key))
            {
                return entry;
            }

            bucket = (bucket + 1) & mask;
        }

        var slot = Append(key, hash);
        _buckets[bucket] = slot + 1;
        if (++_hashed * 2 > _buckets.Length)
        {
            Rehash(_buckets.Length * 2);
        }

        return ~slot;
    }

    /// <summary>
    /// Grows the direct index to cover <paramref name="key"/> while the keys are dense enough for it to pay (at most
    /// eight slots per key slot) and no key was hashed yet; past that, keys beyond it are hashed, and it never grows
    /// again, so every key is found in one place. (A sparse bucket of a spilled aggregation must not cost its key range.)
    /// </summary>
    private bool TryGrowDirect(int key)
    {
        var length = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)key + 1);
        if (_hashed > 0 || length > Math.Max(256, 8L * Keys.Length))
        {
            return false;
        }

        _direct = Grow(_direct, Math.Min(DirectLimit, length), _direct.Length, zeroed: true);
        return true;
    }

    /// <summary>
    /// Starts an empty map's direct index at its first key's block of 256, so keys that start high and rise (a
    /// partition of a table's keys, or the order keys of line items) are found directly, as small rising keys are.
    /// </summary>
    private void StartDirectAt(TKey key)
    {
        if (typeof(TKey) == typeof(int) && _comparer is null)
        {
            var first = Unsafe.As<TKey, int>(ref key);
            _directBase = first is >= 0 and < 256 ? 0 : first & ~255;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsDirect(TKey key, out int index)
    {
        if (typeof(TKey) == typeof(int) && _comparer is null)
        {
            var offset = (long)Unsafe.As<TKey, int>(ref key) - _directBase;
            index = (int)offset;
            return (ulong)offset < DirectLimit;
        }

        index = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Hash(TKey key) =>
        key is null ? 0 : _comparer is null ? EqualityComparer<TKey>.Default.GetHashCode(key) : _comparer.GetHashCode(key);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Equal(TKey a, TKey b) =>
        a is null ? b is null : b is not null && (_comparer is null ? EqualityComparer<TKey>.Default.Equals(a, b) : _comparer.Equals(a, b));

    private int Append(TKey key, int hash)
    {
        if (Count == Keys.Length)
        {
            var size = Keys.Length * 2;
            Keys = Grow(Keys, size, Count, zeroed: false);
            States = Grow(States, size, Count, zeroed: true);
            _hashes = Grow(_hashes, size, Count, zeroed: false);
        }

        Keys[Count] = key;
        _hashes[Count] = hash;
        return Count++;
    }

    /// <summary>The bytes of the map's arrays: keys, states and hashes per slot, the hash buckets and the direct index.</summary>
    public long ArrayBytes =>
        ((long)Keys.Length * (Unsafe.SizeOf<TKey>() + Unsafe.SizeOf<TState>() + sizeof(int))) + ((long)_buckets.Length * sizeof(int)) + ((long)_direct.Length * sizeof(int));

    /// <summary>Hands the map's large arrays back to the pools and starts it afresh, empty and small (a partial aggregation that emitted its states early).</summary>
    public void Reset()
    {
        Release();
        Keys = new TKey[8];
        States = new TState[8];
        _hashes = new int[8];
        _buckets = new int[16];
        _direct = typeof(TKey) == typeof(int) ? new int[256] : [];
        _hashed = 0;
    }

    /// <summary>Hands the map's large arrays back to the pools; the map is empty afterwards and must not be read again.</summary>
    public void Release()
    {
        Return(Keys);
        Return(States);
        Return(_hashes);
        Return(_buckets);
        Return(_direct);
        Keys = [];
        States = [];
        _hashes = [];
        _buckets = [];
        _direct = [];
        Count = 0;
    }

    private static T[] Rent<T>(int length, bool zeroed)
    {
        if (length < PooledLength)
        {
            return new T[length];
        }

        var array = ArrayPool<T>.Shared.Rent(length);
        if (zeroed)
        {
            Array.Clear(array);
        }

        return array;
    }

    /// <summary>A larger array with the first <paramref name="used"/> items copied; the old one goes back to its pool.</summary>
    private static T[] Grow<T>(T[] array, int length, int used, bool zeroed)
    {
        var grown = Rent<T>(length, zeroed);
        Array.Copy(array, grown, used);
        Return(array);
        return grown;
    }

    /// <summary>Returns a pooled-size array (every size this map makes is a power of two) to its pool.</summary>
    private static void Return<T>(T[] array)
    {
        if (array.Length >= PooledLength)
        {
            ArrayPool<T>.Shared.Return(array, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    private void Rehash(int size)
    {
        Return(_buckets);
        _buckets = Rent<int>(size, zeroed: true);
        var mask = size - 1;
        for (var i = 0; i < Count; i++)
        {
            if (IsDirect(Keys[i], out var direct) && direct < _direct.Length)
            {
                continue;
            }

            var bucket = (int)(KeyHashing.Mix(_hashes[i]) & (uint)mask);
            while (_buckets[bucket] != 0)
            {
                bucket = (bucket + 1) & mask;
            }

            _buckets[bucket] = i + 1;
        }
    }
}
