using Linq.Spark.Columnar;

namespace Linq.Spark.Buffers;

/// <summary>
/// The build side of a hash join: build rows by key, in input order, with a chain of next positions per key, so a
/// probe costs a slot lookup and array reads. Null keys never match, as in LINQ's Join. Built over row objects, it
/// holds the rows (<see cref="Values"/>); built by a kernel over a column batch, it holds the batch and each
/// position's row index in it (<see cref="Rows"/>), and rows are read from the columns.
/// </summary>
internal sealed class JoinLookup<TKey, TValue> : IColumnJoinLookup
{
    private readonly AggregationMap<TKey, int> _map;
    private int[] _next;
    private int[] _rows;
    private int[] _last;
    private TValue[]? _values;
    private Func<ColumnBatch, int, TValue>? _decode;

    /// <summary>An empty lookup that a build kernel fills with <see cref="Add"/>.</summary>
    public JoinLookup(IEqualityComparer<TKey>? comparer, int capacity)
    {
        _map = new AggregationMap<TKey, int>(comparer, capacity);
        _next = new int[Math.Max(capacity, 1)];
        _rows = new int[_next.Length];
        _last = new int[Math.Max(capacity, 16)];
    }

    /// <summary>A lookup over row objects.</summary>
    public JoinLookup(IEqualityComparer<TKey>? comparer, TValue[] rows, int count, Func<TValue, TKey> key)
        : this(comparer, count)
    {
        for (var i = 0; i < count; i++)
        {
            Add(key(rows[i]), i);
        }

        _values = new TValue[Count];
        for (var p = 0; p < Count; p++)
        {
            _values[p] = rows[_rows[p]];
        }
    }

    public static IEnumerable<TValue> Empty { get; } = [];

    /// <summary>Positions in the lookup (rows with a non-null key).</summary>
    public int Count { get; private set; }

    /// <summary>The rows by position, when built over row objects.</summary>
    public TValue[] Values => _values ?? throw new InvalidOperationException("This join lookup was built over columns.");

    /// <summary>The build rows' columns, when built over a column batch.</summary>
    public ColumnBatch? Batch { get; private set; }

    /// <summary>Each position's row index in the build input.</summary>
    public int[] Rows => _rows;

    /// <summary>Adds build row <paramref name="row"/> under its key; a null key is skipped.</summary>
    public void Add(TKey key, int row)
    {
        if (key is null)
        {
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
