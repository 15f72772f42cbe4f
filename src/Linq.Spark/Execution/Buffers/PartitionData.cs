namespace Linq.Spark.Execution.Buffers;

/// <summary>The rows of one partition as an array and a count (the array may be longer than the rows).</summary>
internal readonly record struct PartitionData(Array Rows, int Count)
{
    public static PartitionData From<T>(RowList<T> list) => new(list.Items, list.Count);

    public static PartitionData From<T>(T[] rows) => new(rows, rows.Length);

    /// <summary>The rows as a segment of their array, without copying.</summary>
    public ArraySegment<T> Segment<T>() => new((T[])Rows, 0, Count);

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
