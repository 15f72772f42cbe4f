using System.Runtime.CompilerServices;
using Linq.Spark.Columnar;

namespace Linq.Spark.Buffers;

/// <summary>
/// The build side of a hash join: build rows by key, in input order, with a chain of next positions per key, so a
/// probe costs a slot lookup and array reads. Null keys never match, as in LINQ's Join. Built over row objects, it
/// holds the rows (<see cref="Values"/>); built by a kernel over a column batch, it holds the batch and each
/// position's row index in it (<see cref="Rows"/>), and rows are read from the columns. The lookup of an existence
/// join (semi, anti, mark) holds keys only: a set, with no positions or rows; int and long keys that lie close
/// together (a table's keys) become a bitmap over their range, which a probe tests without hashing and which stays in
/// the cache where a hash table of a million keys cannot.
/// </summary>
internal sealed class JoinLookup<TKey, TValue> : IColumnJoinLookup
{
    private readonly AggregationMap<TKey, int> _map;
    private readonly bool _keysOnly;
    private long[]? _pending;
    private int _pendingCount;
    private ulong[]? _bits;
    private long _min;
    private long _range;
    private int[] _next;
    private int[] _rows;
    private int[] _last;
    private TValue[]? _values;
    private Func<ColumnBatch, int, TValue>? _decode;

    /// <summary>An empty lookup that a build kernel fills with <see cref="Add"/>; with <paramref name="keysOnly"/>, a set of keys.</summary>
    public JoinLookup(IEqualityComparer<TKey>? comparer, int capacity, bool keysOnly = false)
    {
        _keysOnly = keysOnly;
        var defaultEquality = comparer is null || ReferenceEquals(comparer, EqualityComparer<TKey>.Default);
        if (keysOnly && defaultEquality && (typeof(TKey) == typeof(int) || typeof(TKey) == typeof(long)))
        {
            // Keys are gathered first, then set into a bitmap or the hash table once their range is known (Seal).
            _pending = new long[Math.Max(capacity, 16)];
            capacity = 0;
        }

        _map = new AggregationMap<TKey, int>(comparer, capacity);
        var positions = keysOnly ? 1 : Math.Max(capacity, 1);
        _next = new int[positions];
        _rows = new int[positions];
        _last = new int[keysOnly ? 1 : Math.Max(capacity, 16)];
    }

    /// <summary>A lookup over row objects; with <paramref name="keysOnly"/>, a set of their keys.</summary>
    public JoinLookup(IEqualityComparer<TKey>? comparer, TValue[] rows, int count, Func<TValue, TKey> key, bool keysOnly = false)
        : this(comparer, count, keysOnly)
    {
        for (var i = 0; i < count; i++)
        {
            Add(key(rows[i]), i);
        }

        if (keysOnly)
        {
            Seal();
            return;
        }

        _values = new TValue[Count];
        for (var p = 0; p < Count; p++)
        {
            _values[p] = rows[_rows[p]];
        }
    }

    public static IEnumerable<TValue> Empty { get; } = [];

    /// <summary>Positions in the lookup (rows with a non-null key); none in a set of keys.</summary>
    public int Count { get; private set; }

    /// <summary>The rows by position, when built over row objects.</summary>
    public TValue[] Values => _values ?? throw new InvalidOperationException("This join lookup was built over columns.");

    /// <summary>The build rows' columns, when built over a column batch.</summary>
    public ColumnBatch? Batch { get; private set; }

    /// <summary>Each position's row index in the build input.</summary>
    public int[] Rows => _rows;

    /// <summary>Adds build row <paramref name="row"/> under its key (only the key, in a set of keys); a null key is skipped.</summary>
    public void Add(TKey key, int row)
    {
        if (key is null)
        {
            return;
        }

        if (_keysOnly)
        {
            if (_pending is null)
            {
                _map.FindOrAdd(key);
                return;
            }

            if (_pendingCount == _pending.Length)
            {
                Array.Resize(ref _pending, _pendingCount * 2);
            }

            _pending[_pendingCount++] = AsLong(key);
            return;
        }

        var position = Count;
        if (position == _next.Length)
        {
            Array.Resize(ref _next, position * 2);
            Array.Resize(ref _rows, position * 2);
        }

        _next[position] = -1;
        _rows[position] = row;
        var slot = _map.FindOrAdd(key);
        if (slot < 0)
        {
            slot = ~slot;
            _map.States[slot] = position;
        }
        else
        {
            _next[_last[slot]] = position;
        }

        if (slot >= _last.Length)
        {
            Array.Resize(ref _last, Math.Max(slot + 1, _last.Length * 2));
        }

        _last[slot] = position;
        Count = position + 1;
    }

    public void Attach(ColumnBatch batch, IEncoder encoder)
    {
        if (_keysOnly)
        {
            Seal();
            return;
        }

        Batch = batch;
        _decode = (b, i) => (TValue)encoder.DecodeAt(b, i)!;
    }

    /// <summary>The position of the first row with this key, or -1 when there is none (or the key is null).</summary>
    public int First(TKey key)
    {
        if (key is null || _map.Count == 0)
        {
            return -1;
        }

        var slot = _map.Find(key);
        return slot >= 0 ? _map.States[slot] : -1;
    }

    /// <summary>Whether some build row has this key (never for a null key).</summary>
    public bool Contains(TKey key)
    {
        if (_bits is not null)
        {
            var offset = (ulong)(AsLong(key) - _min);
            return offset < (ulong)_range && (_bits[(int)(offset >> 6)] & (1UL << (int)(offset & 63))) != 0;
        }

        return key is not null && _map.Count > 0 && _map.Find(key) >= 0;
    }

    /// <summary>
    /// Ends the build of a set of int or long keys: a bitmap over [min, max] when it takes no more memory than the keys
    /// themselves (or at most 128 KiB), the hash table otherwise.
    /// </summary>
    private void Seal()
    {
        if (_pending is not { } keys)
        {
            return;
        }

        var span = keys.AsSpan(0, _pendingCount);
        _pending = null;
        if (span.Length > 0)
        {
            long min = long.MaxValue, max = long.MinValue;
            foreach (var k in span)
            {
                min = Math.Min(min, k);
                max = Math.Max(max, k);
            }

            var range = (ulong)(max - min) + 1;
            if (range != 0 && range <= Math.Max(64UL * (ulong)span.Length, 1UL << 20))
            {
                _min = min;
                _range = (long)range;
                _bits = new ulong[(int)((range + 63) / 64)];
                foreach (var k in span)
                {
                    var offset = (ulong)(k - min);
                    _bits[(int)(offset >> 6)] |= 1UL << (int)(offset & 63);
                }

                return;
            }
        }
        else
        {
            _bits = [];
            return;
        }

        foreach (var k in span)
        {
            _map.FindOrAdd(FromLong(k));
        }
    }

    private static long AsLong(TKey key) =>
        typeof(TKey) == typeof(int) ? Unsafe.As<TKey, int>(ref key) : Unsafe.As<TKey, long>(ref key);

    private static TKey FromLong(long value)
    {
        if (typeof(TKey) == typeof(int))
        {
            var narrow = (int)value;
            return Unsafe.As<int, TKey>(ref narrow);
        }

        return Unsafe.As<long, TKey>(ref value);
    }

    /// <summary>The position of the next row with the same key, or -1.</summary>
    public int Next(int position) => _next[position];

    /// <summary>The rows with this key as a sequence (empty when none), for GroupJoin.</summary>
    public IEnumerable<TValue> Group(TKey key)
    {
        var first = First(key);
        return first < 0 ? Empty : Chain(first);
    }

    private IEnumerable<TValue> Chain(int position)
    {
        for (; position >= 0; position = _next[position])
        {
            yield return _values is not null ? _values[position] : _decode!(Batch!, _rows[position]);
        }
    }
}

/// <summary>A join lookup filled by a build kernel over a column batch.</summary>
internal interface IColumnJoinLookup
{
    /// <summary>Marks the lookup as built over <paramref name="batch"/>, whose rows <paramref name="encoder"/> builds where one is needed whole.</summary>
    void Attach(ColumnBatch batch, IEncoder encoder);
}
