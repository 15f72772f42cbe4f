namespace Linq.Spark.Buffers;

/// <summary>Keeps the first n items in sort order as they stream in; among equal items the earlier one stays first.</summary>
internal sealed class BoundedTopN<T>(int n, Comparison<T> comparison)
{
    private readonly T[] _best = new T[Math.Max(0, n)];

    public int Count { get; private set; }

    public T[] Items => _best;

    /// <summary>Whether another item is kept whatever it is.</summary>
    public bool HasRoom => Count < _best.Length;

    /// <summary>Whether n items are kept and n is not 0: a new item is kept only if it comes before <see cref="Last"/>.</summary>
    public bool IsFull => Count == _best.Length && Count > 0;

    /// <summary>The last kept item (valid when <see cref="IsFull"/>).</summary>
    public T Last => _best[Count - 1];

    public void Add(T item)
    {
        if (Count == _best.Length && (Count == 0 || comparison(item, _best[Count - 1]) >= 0))
        {
            return;
        }

        // After every kept item that is not greater: equal items keep their arrival order.
        int low = 0, high = Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (comparison(_best[mid], item) <= 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        var end = Count == _best.Length ? Count - 1 : Count;
        Array.Copy(_best, low, _best, low + 1, end - low);
        _best[low] = item;
        Count = Math.Min(_best.Length, Count + 1);
    }
}
