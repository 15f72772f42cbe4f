namespace Linq.Spark.Execution.Buffers;

/// <summary>
/// The build side of a hash join: rows by key, in input order. Null keys never match, as in LINQ's Join. Rows sit in
/// one flat array with a chain of next indexes per key, so a probe costs a slot lookup and an array read.
/// </summary>
internal sealed class JoinLookup<TKey, TValue>
{
    private readonly AggregationMap<TKey, int> _map;
    private readonly TValue[] _values;
    private readonly int[] _next;

    public JoinLookup(IEqualityComparer<TKey>? comparer, TValue[] rows, int count, Func<TValue, TKey> key)
    {
        _map = new AggregationMap<TKey, int>(comparer);
        _values = new TValue[count];
        _next = new int[count];
        var last = new int[Math.Max(count, 1)];
        var used = 0;
        for (var i = 0; i < count; i++)
        {
            var k = key(rows[i]);
            if (k is null)
            {
                continue;
            }

            _values[used] = rows[i];
            _next[used] = -1;
            var slot = _map.FindOrAdd(k);
            if (slot < 0)
            {
                slot = ~slot;
                _map.States[slot] = used;
            }
            else
            {
                _next[last[slot]] = used;
            }

            if (slot >= last.Length)
            {
                Array.Resize(ref last, last.Length * 2);
            }

            last[slot] = used;
            used++;
        }
    }

    public static IEnumerable<TValue> Empty { get; } = [];

    /// <summary>The rows, indexed by the positions <see cref="First"/> and <see cref="Next"/> give.</summary>
    public TValue[] Values => _values;

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
            yield return _values[position];
        }
    }
}
