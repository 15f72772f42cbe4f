using System.Collections;

namespace Linq.Spark.Buffers;

/// <summary>A materialized group: its key and its elements in source order.</summary>
internal sealed class Grouping<TKey, TElement>(TKey key, RowList<TElement> elements) : IGrouping<TKey, TElement>, IReadOnlyList<TElement>
{
    public TKey Key { get; } = key;

    public int Count => elements.Count;

    public TElement this[int index] => index < elements.Count ? elements.Items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<TElement> GetEnumerator() => elements.AsEnumerable().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Key}: {Count} elements";
}
