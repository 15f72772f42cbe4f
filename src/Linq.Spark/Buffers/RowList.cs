namespace Linq.Spark.Buffers;

/// <summary>A growable array of rows whose backing array kernels read directly (a List&lt;T&gt; that shows its array).</summary>
internal sealed class RowList<T>
{
    private T[] _items;

    public RowList(int capacity = 16)
    {
        _items = capacity == 0 ? [] : new T[capacity];
    }

    public RowList(T[] items, int count)
    {
        _items = items;
        Count = count;
    }

    /// <summary>The backing array; only the first <see cref="Count"/> entries are rows.</summary>
    public T[] Items => _items;

    public int Count { get; private set; }

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(16, _items.Length * 2));
        }

        _items[Count++] = item;
    }

    public void AddRange(T[] items, int start, int count)
    {
        if (Count + count > _items.Length)
        {
            Array.Resize(ref _items, Math.Max(Count + count, _items.Length * 2));
        }

        Array.Copy(items, start, _items, Count, count);
        Count += count;
    }

    /// <summary>Empties the list, keeping its array (and dropping its references).</summary>
    public void Clear() => Truncate(0);

    /// <summary>Keeps the first <paramref name="count"/> rows, dropping the references of the rest.</summary>
    public void Truncate(int count)
    {
        if (System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            Array.Clear(_items, count, Count - count);
        }

        Count = count;
    }

    public T[] ToArray() => _items.AsSpan(0, Count).ToArray();

    public IEnumerable<T> AsEnumerable()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _items[i];
        }
    }
}
