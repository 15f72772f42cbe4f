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

    /// <summary>The rows of several batches with the same layout, one after the other, in one batch.</summary>
    public static ColumnBatch Concat(IEncoder encoder, IReadOnlyList<ColumnBatch> batches) =>
        batches.Count == 1 ? batches[0] : Concat(encoder, batches.Select(b => (b, 0, b.Count)).ToList());

    /// <summary>
    /// The rows [Start, Start + Count) of several batches with the same layout, one after the other, in one batch.
    /// Dictionary-string columns get one dictionary of all the segments' strings, their codes renumbered into it.
    /// </summary>
    public static ColumnBatch Concat(IEncoder encoder, IReadOnlyList<(ColumnBatch Batch, int Start, int Count)> segments)
    {
        var count = segments.Sum(s => s.Count);
        var columns = new Array?[encoder.Columns.Count];
        var validity = new ulong[]?[columns.Length];
        var dictionaries = new string[]?[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            if (segments.Any(s => s.Batch.Columns[c] is null))
            {
                continue;
            }

            var spec = encoder.Columns[c];
            columns[c] = Array.CreateInstance(spec.StorageType, count);
            validity[c] = spec.IsNullable ? Bitmap.Create(count) : null;
            var merged = spec.Kind == ColumnKind.DictionaryString ? new DictionaryMerge() : null;
            var offset = 0;
            foreach (var (batch, start, length) in segments)
            {
                if (merged is not null)
                {
                    merged.Append(batch.Dictionaries[c]!, (int[])batch.Columns[c]!, start, length, (int[])columns[c]!, offset);
                }
                else
                {
                    Array.Copy(batch.Columns[c]!, start, columns[c]!, offset, length);
                }

                if (validity[c] is { } bits)
                {
                    Bitmap.CopyTo(batch.Validity[c]!, start, length, bits, offset);
                }

                offset += length;
            }

            dictionaries[c] = merged?.Strings.ToArray();
        }

        return new ColumnBatch(count, columns, validity, dictionaries);
    }

    /// <summary>One dictionary for the codes of several batches' dictionary-string columns.</summary>
    private sealed class DictionaryMerge
    {
        private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);

        public List<string> Strings { get; } = [];

        /// <summary>Copies codes[start..start+length) into target at offset, renumbered from <paramref name="dictionary"/> into the merged one.</summary>
        public void Append(string[] dictionary, int[] codes, int start, int length, int[] target, int offset)
        {
            var renumber = new int[dictionary.Length];
            for (var d = 0; d < dictionary.Length; d++)
            {
                if (!_codes.TryGetValue(dictionary[d], out renumber[d]))
                {
                    renumber[d] = Strings.Count;
                    _codes[dictionary[d]] = Strings.Count;
                    Strings.Add(dictionary[d]);
                }
            }

            for (var i = 0; i < length; i++)
            {
                var code = codes[start + i];
                target[offset + i] = code < 0 ? code : renumber[code];
            }
        }
    }

    /// <summary>The first <paramref name="order"/>.Length rows picked by index, in that order (every column written).</summary>
    public ColumnBatch Gather(int[] order)
    {
        var columns = new Array?[Columns.Length];
        var validity = new ulong[]?[Columns.Length];
        for (var c = 0; c < Columns.Length; c++)
        {
            // A column the batch's writer left out (its reader does not read it) stays out.
            if (Columns[c] is not { } source)
            {
                continue;
            }

            var target = Array.CreateInstance(source.GetType().GetElementType()!, order.Length);
            GatherInto(source, target, order);
            columns[c] = target;
            if (Validity[c] is { } bits)
            {
                var picked = Bitmap.Create(order.Length);
                for (var i = 0; i < order.Length; i++)
                {
                    if (Bitmap.Get(bits, order[i]))
                    {
                        Bitmap.Set(picked, i);
                    }
                }

                validity[c] = picked;
            }
        }

        return new ColumnBatch(order.Length, columns, validity, (string[]?[])Dictionaries.Clone());
    }

    private static void GatherInto(Array source, Array target, int[] order)
    {
        switch (source)
        {
            case int[] ints:
                Gather(ints, (int[])target, order);
                break;
            case long[] longs:
                Gather(longs, (long[])target, order);
                break;
            case double[] doubles:
                Gather(doubles, (double[])target, order);
                break;
            case object[] objects:
                Gather(objects, (object[])target, order);
                break;
            default:
                for (var i = 0; i < order.Length; i++)
                {
                    target.SetValue(source.GetValue(order[i]), i);
                }

                break;
        }
    }

    private static void Gather<T>(T[] source, T[] target, int[] order)
    {
        for (var i = 0; i < order.Length; i++)
        {
            target[i] = source[order[i]];
        }
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
