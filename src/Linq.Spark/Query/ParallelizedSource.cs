namespace Linq.Spark.Query;

/// <summary>An in-memory collection cut into contiguous partitions, so that concatenating them gives the source order.</summary>
internal sealed class ParallelizedSource<T> : IDataSource
{
    private readonly T[][] _partitions;

    public ParallelizedSource(IEnumerable<T> source, int partitions)
    {
        var all = source.ToArray();
        _partitions = new T[partitions][];
        for (var p = 0; p < partitions; p++)
        {
            var start = (int)((long)all.Length * p / partitions);
            var end = (int)((long)all.Length * (p + 1) / partitions);
            _partitions[p] = all[start..end];
        }

        RowCount = all.Length;
    }

    public Type ElementType => typeof(T);

    public int NumPartitions => _partitions.Length;

    public long RowCount { get; }

    public string Describe() => $"Parallelize[{Internal.TypeUtil.ShortName(typeof(T))}] ({RowCount} rows, {NumPartitions} partitions)";

    public Array GetPartition(int partition) => _partitions[partition];
}
