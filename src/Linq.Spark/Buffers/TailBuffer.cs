namespace Linq.Spark.Buffers;

/// <summary>Keeps only the last row added: what Last() needs from each partition.</summary>
internal sealed class TailBuffer<T>
{
    public bool HasValue { get; private set; }

    public T Value { get; private set; } = default!;

    public void Add(T item)
    {
        HasValue = true;
        Value = item;
    }
}
