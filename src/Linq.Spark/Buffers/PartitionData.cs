namespace Linq.Spark.Buffers;

/// <summary>The rows of one partition as an array and a count (the array may be longer than the rows).</summary>
/// <param name="Rows">The rows, from index 0.</param>
/// <param name="Count">How many rows there are.</param>
/// <param name="Failure">
/// An error raised after these rows, when the partition feeds a consumer that reads its rows lazily, in order
/// (Take, TakeWhile, Zip…): LINQ raises it only if the consumer reads past the rows. Null otherwise.
/// </param>
internal readonly record struct PartitionData(Array Rows, int Count, Exception? Failure = null)
{
    public static PartitionData From<T>(RowList<T> list) => new(list.Items, list.Count);

    public static PartitionData From<T>(T[] rows) => new(rows, rows.Length);

    /// <summary>The rows as a segment of their array, without copying.</summary>
    public ArraySegment<T> Segment<T>() => new((T[])Rows, 0, Count);

    /// <summary>The rows in order, then the <see cref="Failure"/> thrown if the reader asks for more.</summary>
    public IEnumerable<T> ReadLazily<T>()
    {
        var rows = (T[])Rows;
        for (var i = 0; i < Count; i++)
        {
            yield return rows[i];
        }

        if (Failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(Failure);
        }
    }

    /// <summary>The same rows in an array of exactly <see cref="Count"/> elements.</summary>
    public PartitionData Exact()
    {
        if (Rows.Length == Count)
        {
            return this;
        }

        var rows = Array.CreateInstance(Rows.GetType().GetElementType()!, Count);
        Array.Copy(Rows, rows, Count);
        return new PartitionData(rows, Count);
    }
}
