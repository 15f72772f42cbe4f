namespace Linq.Spark.Columnar;

/// <summary>
/// One partition's rows as columns: one typed array per member of the row type (see <see cref="Encoder{T}"/>),
/// plus a validity array for nullable members and a dictionary for dictionary-encoded strings.
/// </summary>
internal sealed class ColumnBatch(int count, Array[] columns, bool[]?[] validity, string[]?[] dictionaries)
{
    public int Count { get; } = count;

    /// <summary>Per column: the values (a T[] of the member's type, its underlying type for nullables, or int codes for dictionary strings).</summary>
    public Array[] Columns { get; } = columns;

    /// <summary>Per column: whether each value is present (nullable members only).</summary>
    public bool[]?[] Validity { get; } = validity;

    /// <summary>Per column: the distinct strings that int codes refer to (dictionary-encoded string members only).</summary>
    public string[]?[] Dictionaries { get; } = dictionaries;

    /// <summary>Bytes held by the column arrays, for memory accounting.</summary>
    public long EstimatedBytes()
    {
        long bytes = 0;
        for (var c = 0; c < Columns.Length; c++)
        {
            var element = Columns[c].GetType().GetElementType()!;
            bytes += (long)Columns[c].Length * (element.IsValueType ? Internal.TypeUtil.EstimatedSize(element) : 8);
            bytes += Validity[c]?.Length ?? 0;
            bytes += (Dictionaries[c]?.Sum(s => 24L + (2L * s.Length)) ?? 0) + ((Dictionaries[c]?.Length ?? 0) * 8L);
        }

        return bytes;
    }
}
