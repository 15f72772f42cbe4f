namespace Linq.Spark.Execution.Buffers;

/// <summary>The build side of a hash join: rows by key, in input order. Null keys never match, as in LINQ's Join.</summary>
internal sealed class JoinLookup<TKey, TValue>
{
    private readonly AggregationMap<TKey, RowList<TValue>?> _map;

    public JoinLookup(IEqualityComparer<TKey>? comparer, TValue[] rows, int count, Func<TValue, TKey> key)
    {
        _map = new AggregationMap<TKey, RowList<TValue>?>(comparer);
        for (var i = 0; i < count; i++)
        {
            var k = key(rows[i]);
            if (k is null)
            {
                continue;
            }

            var slot = _map.FindOrAdd(k);
            if (slot < 0)
            {
                slot = ~slot;
                _map.States[slot] = new RowList<TValue>(2);
            }

            _map.States[slot]!.Add(rows[i]);
        }
    }

    public static IEnumerable<TValue> Empty { get; } = [];

    /// <summary>The rows with this key, or null when there are none (or the key is null).</summary>
    public RowList<TValue>? Find(TKey key)
    {
        if (key is null || _map.Count == 0)
        {
            return null;
        }

        var slot = _map.Find(key);
        return slot >= 0 ? _map.States[slot] : null;
    }

    /// <summary>The rows with this key as a sequence (empty when none), for GroupJoin.</summary>
    public IEnumerable<TValue> Group(TKey key) => Find(key)?.AsEnumerable() ?? Empty;
}
