using System.Buffers;
using System.Runtime.CompilerServices;
using Linq.Spark.Columnar;

namespace Linq.Spark.Buffers;

/// <summary>
/// The build side of a hash join: build rows by key, in input order, with a chain of next positions per key, so a
/// probe costs a slot lookup and array reads. Null keys never match, as in LINQ's Join. Built over row objects, it
/// holds the rows (<see cref="Values"/>); built by a kernel over a column batch, it holds the batch and each
/// position's row index in it (<see cref="Rows"/>), and rows are read from the columns. The lookup of an existence
/// join (semi, anti, mark) holds keys only: a set, with no positions or rows.
/// </summary>
/// <remarks>
/// Int and long keys compared by default equality are gathered first and placed when the build ends
/// (<see cref="Seal"/>): keys that lie close together (a table's keys) get a <see cref="DenseKeyIndex"/>, which finds
/// a key's slot without hashing and stays in the cache; others go to the hash table.
/// </remarks>
internal sealed class JoinLookup<TKey, TValue> : IColumnJoinLookup, IBatchedJoinLookup
{
    private readonly IEqualityComparer<TKey>? _comparer;
    private readonly bool _keysOnly;
    private AggregationMap<TKey, int> _map;
    private long[]? _pendingKeys;
    private int[] _pendingRows = [];
    private int _pendingCount;
    private DenseKeyIndex? _dense;
    private int[] _next;
    private int[] _rows;
    private int[] _last;
    private int[] _first = [];
    private TValue[]? _values;
    private Func<ColumnBatch, int, TValue>? _decode;
    private bool _duplicates;

    /// <summary>An empty lookup that a build kernel fills with <see cref="Add"/>; with <paramref name="keysOnly"/>, a set of keys.</summary>
    public JoinLookup(IEqualityComparer<TKey>? comparer, int capacity, bool keysOnly = false)
    {
        _comparer = comparer;
        _keysOnly = keysOnly;
        var defaultEquality = comparer is null || ReferenceEquals(comparer, EqualityComparer<TKey>.Default);
        if (defaultEquality && (typeof(TKey) == typeof(int) || typeof(TKey) == typeof(long)))
        {
            // Rented: the keys are only gathered until Seal places them.
            _pendingKeys = ArrayPool<long>.Shared.Rent(Math.Max(capacity, 16));
            _pendingRows = keysOnly ? [] : new int[_pendingKeys.Length];
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

        Seal();
        if (keysOnly)
        {
            return;
        }

        // Positions are the order rows were added in: with no null key skipped, position p is row p, and the rows
        // are read where they lie instead of copied (a copy of a large build side is large-object garbage per job).
        if (Count == count)
        {
            _values = rows;
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

        if (_pendingKeys is not null)
        {
            if (_pendingCount == _pendingKeys.Length)
            {
                var grown = ArrayPool<long>.Shared.Rent(_pendingCount * 2);
                _pendingKeys.AsSpan().CopyTo(grown);
                ArrayPool<long>.Shared.Return(_pendingKeys);
                _pendingKeys = grown;
                Array.Resize(ref _pendingRows, _keysOnly ? 0 : grown.Length);
            }

            _pendingKeys[_pendingCount] = AsLong(key);
            if (!_keysOnly)
            {
                _pendingRows[_pendingCount] = row;
            }

            _pendingCount++;
            return;
        }

        if (_keysOnly)
        {
            _map.FindOrAdd(key);
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
            _duplicates = true;
        }

        if (slot >= _last.Length)
        {
            Array.Resize(ref _last, Math.Max(slot + 1, _last.Length * 2));
        }

        _last[slot] = position;
        Count = position + 1;
    }

    /// <summary>Ends a build by a kernel over <paramref name="batch"/>, whose rows <paramref name="encoder"/> builds where one is needed whole.</summary>
    public void Attach(ColumnBatch batch, IEncoder encoder)
    {
        Seal();
        if (_keysOnly)
        {
            return;
        }

        Batch = batch;
        _decode = (b, i) => (TValue)encoder.DecodeAt(b, i)!;
    }

    /// <summary>The position of the first row with this key, or -1 when there is none (or the key is null).</summary>
    public int First(TKey key)
    {
        if (_dense is not null)
        {
            var slot = _dense.Slot(AsLong(key));
            return slot < 0 ? -1 : _first[slot];
        }

        if (key is null || _map.Count == 0)
        {
            return -1;
        }

        var found = _map.Find(key);
        return found >= 0 ? _map.States[found] : -1;
    }

    /// <summary>Whether some build row has this key (never for a null key).</summary>
    public bool Contains(TKey key) =>
        _dense is not null ? _dense.Contains(AsLong(key)) : key is not null && _map.Count > 0 && _map.Find(key) >= 0;

    /// <summary>The position of the next row with the same key, or -1; a lookup whose keys are unique reads no chain (a single-match probe).</summary>
    public int Next(int position) => _duplicates ? _next[position] : -1;

    /// <summary>
    /// Looks up a batch of int or long keys at once (<see cref="ProbeBatch.Matches"/>): a tight loop over keys that are
    /// already gathered, so the cache misses of many probes overlap instead of waiting one by one behind each row's code.
    /// The dense index's loops are written out rather than calling First or Contains per key: on the 10,000,000-row
    /// micro join the calls read 61–74 ms best against 58–59 ms.
    /// </summary>
    public void FindFirst(ProbeBatch probes)
    {
        var keys = probes.Keys;
        var matches = probes.Matches;
        var count = probes.Count;
        if (_dense is { } dense)
        {
            if (_keysOnly)
            {
                for (var i = 0; i < count; i++)
                {
                    matches[i] = dense.Contains(keys[i]) ? 0 : -1;
                }

                return;
            }

            var first = _first;
            for (var i = 0; i < count; i++)
            {
                var slot = dense.Slot(keys[i]);
                matches[i] = slot < 0 ? -1 : first[slot];
            }

            return;
        }

        for (var i = 0; i < count; i++)
        {
            var key = FromLong(keys[i]);
            matches[i] = _keysOnly ? (Contains(key) ? 0 : -1) : First(key);
        }
    }

    /// <summary>The rows with this key as a sequence (empty when none), for GroupJoin.</summary>
    public IEnumerable<TValue> Group(TKey key)
    {
        var first = First(key);
        return first < 0 ? Empty : new KeyGroup(this, first);
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

    /// <summary>
    /// Places the gathered int or long keys: in a dense index when they lie close together, with each slot's chain
    /// of positions in input order (a position is the order a row was added in); in the hash table otherwise.
    /// </summary>
    private void Seal()
    {
        if (_pendingKeys is not { } keys)
        {
            return;
        }

        var count = _pendingCount;
        var rows = _pendingRows;
        _pendingKeys = null;
        _pendingRows = [];
        try
        {
            _dense = DenseKeyIndex.TryCreate(keys.AsSpan(0, count));
            if (_dense is null)
            {
                Place(keys.AsSpan(0, count), rows);
            }
            else if (!_keysOnly)
            {
                LinkDense(keys.AsSpan(0, count), rows);
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(keys);
        }
    }

    /// <summary>Adds the gathered keys to a hash table sized for them.</summary>
    private void Place(ReadOnlySpan<long> keys, int[] rows)
    {
        _map = new AggregationMap<TKey, int>(_comparer, keys.Length);
        if (!_keysOnly)
        {
            _next = new int[Math.Max(keys.Length, 1)];
            _rows = new int[_next.Length];
            _last = new int[Math.Max(keys.Length, 16)];
        }

        for (var i = 0; i < keys.Length; i++)
        {
            Add(FromLong(keys[i]), _keysOnly ? 0 : rows[i]);
        }
    }

    /// <summary>Links each dense slot's positions in input order (a position is the order a row was added in).</summary>
    private void LinkDense(ReadOnlySpan<long> keys, int[] rows)
    {
        var dense = _dense!;
        _first = new int[dense.Count];
        _first.AsSpan().Fill(-1);
        _next = new int[Math.Max(keys.Length, 1)];
        var last = ArrayPool<int>.Shared.Rent(dense.Count);
        for (var position = 0; position < keys.Length; position++)
        {
            var slot = dense.Slot(keys[position]);
            if (_first[slot] < 0)
            {
                _first[slot] = position;
            }
            else
            {
                _next[last[slot]] = position;
                _duplicates = true;
            }

            last[slot] = position;
            _next[position] = -1;
        }

        ArrayPool<int>.Shared.Return(last);
        _rows = rows;
        Count = keys.Length;
    }

    private IEnumerable<TValue> Chain(int position)
    {
        for (; position >= 0; position = _next[position])
        {
            yield return _values is not null ? _values[position] : _decode!(Batch!, _rows[position]);
        }
    }

    /// <summary>
    /// One key's build rows, as a group join's group: a read-only collection whose count walks the key's chain of
    /// positions without reading a row, so <c>g.Count()</c> and <c>g.Any()</c> (which LINQ answers from a collection's
    /// count) build no row and no iterator; enumerating it reads the rows in build order.
    /// </summary>
    private sealed class KeyGroup(JoinLookup<TKey, TValue> lookup, int first) : ICollection<TValue>, IReadOnlyCollection<TValue>
    {
        public int Count
        {
            get
            {
                var count = 0;
                for (var position = first; position >= 0; position = lookup._next[position])
                {
                    count++;
                }

                return count;
            }
        }

        public bool IsReadOnly => true;

        public IEnumerator<TValue> GetEnumerator() => lookup.Chain(first).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public bool Contains(TValue item)
        {
            foreach (var row in this)
            {
                if (EqualityComparer<TValue>.Default.Equals(row, item))
                {
                    return true;
                }
            }

            return false;
        }

        public void CopyTo(TValue[] array, int arrayIndex)
        {
            ArgumentNullException.ThrowIfNull(array);
            if (arrayIndex < 0 || array.Length - arrayIndex < Count)
            {
                throw new ArgumentException($"The group's {Count} rows do not fit into the array from index {arrayIndex}.", nameof(arrayIndex));
            }

            foreach (var row in this)
            {
                array[arrayIndex++] = row;
            }
        }

        public void Add(TValue item) => throw ReadOnly();

        public void Clear() => throw ReadOnly();

        public bool Remove(TValue item) => throw ReadOnly();

        private static NotSupportedException ReadOnly() => new("A group join's group is read-only.");
    }
}

/// <summary>A join lookup filled by a build kernel over a column batch.</summary>
internal interface IColumnJoinLookup
{
    /// <summary>Ends the build: the lookup was built over <paramref name="batch"/>, whose rows <paramref name="encoder"/> builds where one is needed whole.</summary>
    void Attach(ColumnBatch batch, IEncoder encoder);
}

/// <summary>A join lookup that finds the first matches of a batch of gathered int or long keys at once.</summary>
internal interface IBatchedJoinLookup
{
    /// <summary>Sets <see cref="ProbeBatch.Matches"/> for every probe of <paramref name="probes"/>.</summary>
    void FindFirst(ProbeBatch probes);
}
