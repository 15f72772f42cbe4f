namespace Linq.Spark.Columnar;

/// <summary>
/// One partition's rows as columns: one typed array per member of the row type (see <see cref="Encoder{T}"/>),
/// plus a validity bitmap for nullable members and a dictionary for dictionary-encoded strings.
/// </summary>
internal sealed class ColumnBatch(int count, Array?[] columns, ulong[]?[] validity, string[]?[] dictionaries)
{
    public int Count { get; } = count;

    /// <summary>
    /// Per column: the values (a T[] of the member's type, its underlying type for nullables, or int codes for
    /// dictionary strings); null for a column a shuffle did not write because its reader never reads it.
    /// </summary>
    public Array?[] Columns { get; } = columns;

    /// <summary>Per column: a <see cref="Bitmap"/> of which values are present (nullable members only).</summary>
    public ulong[]?[] Validity { get; } = validity;

    /// <summary>Per column: the distinct strings that int codes refer to (dictionary-encoded string members only).</summary>
    public string[]?[] Dictionaries { get; } = dictionaries;

    /// <summary>
    /// The rows of several batches with the same layout, one after the other, in one batch. Only for batches without
    /// dictionaries (exchanged batches), whose codes would need remapping.
    /// </summary>
    public static ColumnBatch Concat(IEncoder encoder, IReadOnlyList<ColumnBatch> batches)
    {
        var count = batches.Sum(b => b.Count);
        var columns = new Array?[encoder.Columns.Count];
        var validity = new ulong[]?[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            if (batches.Any(b => b.Columns[c] is null))
            {
                continue;
            }

            var spec = encoder.Columns[c];
            columns[c] = Array.CreateInstance(spec.StorageType, count);
            validity[c] = spec.IsNullable ? Bitmap.Create(count) : null;
            var offset = 0;
            foreach (var batch in batches)
            {
                Array.Copy(batch.Columns[c]!, 0, columns[c]!, offset, batch.Count);
                if (validity[c] is { } bits)
                {
                    Bitmap.CopyTo(batch.Validity[c]!, batch.Count, bits, offset);
                }

                offset += batch.Count;
            }
        }

        return new ColumnBatch(count, columns, validity, new string[]?[columns.Length]);
    }

    /// <summary>Bytes held by the column arrays, for memory accounting.</summary>
    public long EstimatedBytes()
    {
        long bytes = 0;
        for (var c = 0; c < Columns.Length; c++)
        {
            if (Columns[c] is not { } column)
            {
                continue;
            }

            var element = column.GetType().GetElementType()!;
            bytes += (long)column.Length * (element.IsValueType ? Internal.TypeUtil.EstimatedSize(element) : 8);
            bytes += (Validity[c]?.Length ?? 0) * 8L;
            bytes += (Dictionaries[c]?.Sum(s => 24L + (2L * s.Length)) ?? 0) + ((Dictionaries[c]?.Length ?? 0) * 8L);
        }

        return bytes;
    }
}
