using Linq.Spark.Columnar;

namespace Linq.Spark.Sources;

/// <summary>
/// An in-memory collection cut into contiguous partitions (so concatenating them gives the source order), each held
/// as a column batch: the session keeps columns, not the caller's objects.
/// </summary>
internal sealed class ParallelizedSource<T> : IDataSource, IEquatable<ParallelizedSource<T>>
{
    private readonly ColumnBatch[] _partitions;

    /// <summary>A source over column batches already built (a copy of a source read back from a plan's payload).</summary>
    public ParallelizedSource(Guid id, IReadOnlyList<ColumnBatch> partitions)
    {
        Id = id;
        _partitions = [.. partitions];
        RowCount = _partitions.Sum(p => (long)p.Count);
    }

    public ParallelizedSource(IEnumerable<T> source, int partitions)
    {
        // Not Enumerable.ToArray: for sources of unknown length it rents from the shared ArrayPool, which would keep a
        // buffer as large as the data alive after the columns are built.
        var all = source switch
        {
            T[] array => array,
            ICollection<T> collection => CopyOf(collection),
            _ => new List<T>(source).ToArray(),
        };
        var encoder = Encoder<T>.Instance;
        _partitions = new ColumnBatch[partitions];
        for (var p = 0; p < partitions; p++)
        {
            var start = (int)((long)all.Length * p / partitions);
            var end = (int)((long)all.Length * (p + 1) / partitions);
            _partitions[p] = encoder.Encode(all, start, end - start);
        }

        RowCount = all.Length;
    }

    public Guid Id { get; } = Guid.NewGuid();

    public Type ElementType => typeof(T);

    private static T[] CopyOf(ICollection<T> collection)
    {
        var array = new T[collection.Count];
        collection.CopyTo(array, 0);
        return array;
    }

    public IEncoder Encoder => Encoder<T>.Instance;

    public int NumPartitions => _partitions.Length;

    public long RowCount { get; }

    /// <summary>Bytes held by all partitions' columns.</summary>
    public long EstimatedBytes => _partitions.Sum(p => p.EstimatedBytes());

    public string Describe() => $"Parallelize[{Internal.TypeUtil.ShortName(typeof(T))}] ({RowCount} rows, {NumPartitions} partitions)";

    public ColumnBatch GetBatch(int partition) => _partitions[partition];

    public bool Equals(ParallelizedSource<T>? other) => other is not null && other.Id == Id;

    public override bool Equals(object? obj) => Equals(obj as ParallelizedSource<T>);

    public override int GetHashCode() => Id.GetHashCode();
}
