using Linq.Spark.Columnar;

namespace Linq.Spark.Sources;

/// <summary>
/// An in-memory collection cut into contiguous partitions (so concatenating them gives the source order), each held
/// as column batches of at most the session's batch size: the session keeps columns, not the caller's objects.
/// </summary>
internal sealed class ParallelizedSource<T> : IDataSource, IEquatable<ParallelizedSource<T>>
{
    private readonly ColumnBatch[][] _partitions;

    /// <summary>A source over column batches already built (a copy of a source read back from a plan's payload).</summary>
    public ParallelizedSource(Guid id, IReadOnlyList<IReadOnlyList<ColumnBatch>> partitions)
    {
        Id = id;
        _partitions = [.. partitions.Select(p => p.ToArray())];
        RowCount = _partitions.Sum(p => p.Sum(b => (long)b.Count));
    }

    public ParallelizedSource(IEnumerable<T> source, int partitions, int batchSize)
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
        _partitions = new ColumnBatch[partitions][];
        for (var p = 0; p < partitions; p++)
        {
            var start = (int)((long)all.Length * p / partitions);
            var end = (int)((long)all.Length * (p + 1) / partitions);
            var batches = new ColumnBatch[Math.Max(1, (int)(((long)end - start + batchSize - 1) / batchSize))];
            for (var b = 0; b < batches.Length; b++)
            {
                var from = start + (b * batchSize);
                batches[b] = encoder.Encode(all, from, Math.Min(batchSize, end - from));
            }

            _partitions[p] = batches;
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
    public long EstimatedBytes => _partitions.Sum(p => p.Sum(b => b.EstimatedBytes()));

    public string Describe() => $"Parallelize[{Internal.TypeUtil.ShortName(typeof(T))}] ({RowCount} rows, {NumPartitions} partitions)";

    public IEnumerable<ColumnBatch> GetBatches(int partition) => _partitions[partition];

    public bool Equals(ParallelizedSource<T>? other) => other is not null && other.Id == Id;

    public override bool Equals(object? obj) => Equals(obj as ParallelizedSource<T>);

    public override int GetHashCode() => Id.GetHashCode();
}
