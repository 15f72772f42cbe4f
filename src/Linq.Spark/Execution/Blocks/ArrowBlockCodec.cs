using System.Runtime.InteropServices;
using Apache.Arrow;
using Array = System.Array;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Linq.Spark.Columnar;
using Linq.Spark.Planning.Serialization;

namespace Linq.Spark.Execution.Blocks;

/// <summary>
/// A column batch as an Arrow IPC stream of one record batch, the form blocks take when they leave memory (spill
/// files, other processes), optionally LZ4- or Zstd-compressed. Every column kind the engine has maps to an Arrow
/// type: numbers, bools and chars to their fixed-width types, enums to their underlying integers, DateOnly to Date32,
/// DateTime, TimeSpan and TimeOnly to their 64-bit ticks, decimal and Guid to 16-byte fixed-size binary, strings to
/// Utf8 (dictionary-encoded strings to Arrow dictionaries), nullable values with Arrow's validity bitmaps, and any other
/// value type without references (a tuple of numbers, an aggregation's state) to fixed-size binary of its bytes in
/// memory, for the same runtime to read back. A member whose type the engine takes apart (an anonymous type, a record)
/// becomes an Arrow struct of its member columns. A member of any other type is written by the plan's value codec
/// (allow-listed types only), or refused naming its type.
/// </summary>
internal sealed class ArrowBlockCodec(TypeAllowList allow, CompressionCodecType? compression = CompressionCodecType.Lz4Frame)
{
    private const int DateOnlyEpoch = 719162; // DateOnly.DayNumber of 1970-01-01, Arrow's Date32 day 0.
    private static readonly CompressionCodecFactory Codecs = new();

    /// <summary>The batch's rows as Arrow IPC bytes; columns not written (null) are left out.</summary>
    public byte[] Encode(ColumnBatch batch, IEncoder encoder)
    {
        var fields = new List<Field>();
        var arrays = new List<IArrowArray>();
        for (var c = 0; c < batch.Columns.Length; c++)
        {
            if (batch.Columns[c] is null)
            {
                continue;
            }

            var array = EncodeColumn(batch, c, encoder.Columns[c]);
            fields.Add(new Field($"c{c}", array.Data.DataType, nullable: true));
            arrays.Add(array);
        }

        var schema = new Schema(fields, null);
        using var stream = new MemoryStream();
        var options = new IpcOptions { CompressionCodec = compression, CompressionCodecFactory = compression is null ? null : Codecs };
        // Arrow's builders allocate native memory: freed here, not left to the finalizer thread.
        using (var record = new RecordBatch(schema, arrays, batch.Count))
        using (var writer = new ArrowStreamWriter(stream, schema, leaveOpen: true, options))
        {
            writer.WriteRecordBatch(record);
            writer.WriteEnd();
        }

        return stream.ToArray();
    }

    /// <summary>The batch encoded by <see cref="Encode"/>, with the same layout.</summary>
    public ColumnBatch Decode(ReadOnlyMemory<byte> bytes, IEncoder encoder)
    {
        using var reader = new ArrowStreamReader(bytes, Codecs);
        // Every column is copied out of the batch, whose decompressed buffers are native memory.
        using var record = reader.ReadNextRecordBatch() ?? throw new InvalidDataException("An Arrow block holds no record batch.");
        var columns = new Array?[encoder.Columns.Count];
        var validity = new ulong[]?[columns.Length];
        var dictionaries = new string[]?[columns.Length];
        for (var f = 0; f < record.ColumnCount; f++)
        {
            var name = record.Schema.GetFieldByIndex(f).Name;
            var c = int.Parse(name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
            (columns[c], validity[c], dictionaries[c]) = DecodeColumn(record.Column(f), record.Length, encoder.Columns[c]);
        }

        return new ColumnBatch(record.Length, columns, validity, dictionaries);
    }

    private IArrowArray EncodeColumn(ColumnBatch batch, int c, ColumnSpec spec)
    {
        var count = batch.Count;
        var values = batch.Columns[c]!;
        var valid = spec.IsNullable ? ValidityBuffer(batch.Validity[c]!, count) : ArrowBuffer.Empty;
        var nulls = spec.IsNullable ? count - PopCount(batch.Validity[c]!, count) : 0;
        if (spec.Kind == ColumnKind.DictionaryString)
        {
            var codes = (int[])values;
            var indices = new Int32Array.Builder();
            for (var i = 0; i < count; i++)
            {
                if (codes[i] < 0)
                {
                    indices.AppendNull();
                }
                else
                {
                    indices.Append(codes[i]);
                }
            }

            var dictionary = new StringArray.Builder().AppendRange(batch.Dictionaries[c] ?? []).Build();
            return new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false), indices.Build(), dictionary);
        }

        var storage = spec.StorageType;
        if (storage == typeof(string))
        {
            var strings = (string?[])values;
            var builder = new StringArray.Builder();
            for (var i = 0; i < count; i++)
            {
                builder.Append(strings[i]);
            }

            return builder.Build();
        }

        if (storage == typeof(bool))
        {
            var flags = (bool[])values;
            var bits = new byte[(count + 7) >> 3];
            for (var i = 0; i < count; i++)
            {
                bits[i >> 3] |= (byte)(flags[i] ? 1 << (i & 7) : 0);
            }

            return new BooleanArray(new ArrowBuffer(bits), valid, count, nulls, 0);
        }

        if (storage == typeof(DateOnly))
        {
            var days = new int[count];
            var dates = (DateOnly[])values;
            for (var i = 0; i < count; i++)
            {
                days[i] = dates[i].DayNumber - DateOnlyEpoch;
            }

            return new Date32Array(new ArrayData(Date32Type.Default, count, nulls, 0, [valid, new ArrowBuffer(MemoryMarshal.AsBytes(days.AsSpan()).ToArray())]));
        }

        if (FixedWidthType(storage) is { } type)
        {
            var bytes = MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(values), count * Internal.TypeUtil.EstimatedSize(storage)).ToArray();
            return ArrowArrayFactory.BuildArray(new ArrayData(type, count, nulls, 0, [valid, new ArrowBuffer(bytes)]));
        }

        if (MemberEncoder(storage, values, count) is { } members)
        {
            // Rows of a type the engine takes apart (an anonymous type as a grouping key): a struct of its member
            // columns, each written as above.
            var typed = Array.CreateInstance(storage, count);
            Array.Copy(values, typed, count);
            var inner = members.EncodeArray(typed);
            var children = new List<IArrowArray>();
            var childFields = new List<Field>();
            for (var m = 0; m < inner.Columns.Length; m++)
            {
                var child = EncodeColumn(inner, m, members.Columns[m]);
                childFields.Add(new Field($"m{m}", child.Data.DataType, nullable: true));
                children.Add(child);
            }

            return new StructArray(new StructType(childFields), count, children, valid, nulls);
        }

        // Any other member type: all the column's values in one payload of the plan's value codec, by allowed types only,
        // so each type is written once (its name, then a number) rather than per value. The first entry's bytes are the
        // payload and the others are empty; the validity bitmap is the column's own.
        var all = new object?[count];
        Array.Copy(values, all, count);
        var payload = count == 0 ? [] : PlanSerializer.WriteValues(all, allow);
        var offsets = new int[count + 1];
        Array.Fill(offsets, payload.Length, 1, count);
        return new BinaryArray(new ArrayData(
            BinaryType.Default, count, nulls, 0, [valid, new ArrowBuffer(MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray()), new ArrowBuffer(payload)]));
    }

    private (Array Values, ulong[]? Validity, string[]? Dictionary) DecodeColumn(IArrowArray array, int count, ColumnSpec spec)
    {
        var validity = spec.IsNullable ? Bitmap(array.Data, count) : null;
        if (spec.Kind == ColumnKind.DictionaryString)
        {
            var dictionaryArray = (DictionaryArray)array;
            var indices = (Int32Array)dictionaryArray.Indices;
            var codes = new int[count];
            for (var i = 0; i < count; i++)
            {
                codes[i] = indices.GetValue(i) ?? -1;
            }

            var strings = (StringArray)dictionaryArray.Dictionary;
            return (codes, null, [.. Enumerable.Range(0, strings.Length).Select(i => strings.GetString(i))]);
        }

        var storage = spec.StorageType;
        if (storage == typeof(string))
        {
            var strings = (StringArray)array;
            return (Enumerable.Range(0, count).Select(i => strings.GetString(i)).ToArray(), validity, null);
        }

        if (storage == typeof(bool))
        {
            var flags = (BooleanArray)array;
            var values = new bool[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = flags.GetValue(i) ?? false;
            }

            return (values, validity, null);
        }

        if (storage == typeof(DateOnly))
        {
            var days = MemoryMarshal.Cast<byte, int>(array.Data.Buffers[1].Span);
            var dates = new DateOnly[count];
            for (var i = 0; i < count; i++)
            {
                dates[i] = DateOnly.FromDayNumber(days[i] + DateOnlyEpoch);
            }

            return (dates, validity, null);
        }

        if (FixedWidthType(storage) is not null)
        {
            var typed = Array.CreateInstance(storage, count);
            var size = count * Internal.TypeUtil.EstimatedSize(storage);
            array.Data.Buffers[1].Span[..size].CopyTo(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(typed), size));
            return (typed, validity, null);
        }

        if (array is StructArray structs)
        {
            var members = Encoders.For(allow.Check(storage, "a block column"), stored: false);
            var inner = new Array?[members.Columns.Count];
            var innerValidity = new ulong[]?[inner.Length];
            var innerDictionaries = new string[]?[inner.Length];
            for (var m = 0; m < inner.Length; m++)
            {
                (inner[m], innerValidity[m], innerDictionaries[m]) = DecodeColumn(structs.Fields[m], count, members.Columns[m]);
            }

            return (members.DecodeAll(new ColumnBatch(count, inner, innerValidity, innerDictionaries)), validity, null);
        }

        var objects = Array.CreateInstance(storage, count);
        if (count > 0)
        {
            var binary = (BinaryArray)array;
            var decoded = PlanSerializer.ReadValues(binary.ValueBuffer.Span[binary.ValueOffsets[0]..binary.ValueOffsets[1]].ToArray(), allow);
            if (decoded.Length != count)
            {
                throw new InvalidDataException($"An object column holds {decoded.Length} values for {count} rows.");
            }

            Array.Copy(decoded, objects, count);
        }

        return (objects, validity, null);
    }

    /// <summary>
    /// The encoder that takes a column's values apart into member columns, or null where the value codec must write
    /// them: a type kept whole, a null among the values (a struct has no place for a missing row), or a value of a
    /// derived type (its own members would be lost).
    /// </summary>
    private IEncoder? MemberEncoder(Type storage, Array values, int count)
    {
        if (storage == typeof(object) || storage.IsInterface || storage.IsArray || Nullable.GetUnderlyingType(storage) is not null)
        {
            return null;
        }

        var encoder = Encoders.For(allow.Check(storage, "a block column"), stored: false);
        if (encoder.IsWholeRow)
        {
            return null;
        }

        if (!storage.IsValueType)
        {
            var objects = (object?[])values;
            for (var i = 0; i < count; i++)
            {
                if (objects[i]?.GetType() != storage)
                {
                    return null;
                }
            }
        }

        return encoder;
    }

    /// <summary>The Arrow type whose values are exactly the bytes of <paramref name="storage"/>'s values, or null.</summary>
    private static IArrowType? FixedWidthType(Type storage)
    {
        var type = storage.IsEnum ? Enum.GetUnderlyingType(storage) : storage;
        return Type.GetTypeCode(type) switch
        {
            TypeCode.SByte => Int8Type.Default,
            TypeCode.Byte => UInt8Type.Default,
            TypeCode.Int16 => Int16Type.Default,
            TypeCode.UInt16 or TypeCode.Char => UInt16Type.Default,
            TypeCode.Int32 => Int32Type.Default,
            TypeCode.UInt32 => UInt32Type.Default,
            TypeCode.Int64 or TypeCode.DateTime => Int64Type.Default,
            TypeCode.UInt64 => UInt64Type.Default,
            TypeCode.Single => FloatType.Default,
            TypeCode.Double => DoubleType.Default,
            TypeCode.Decimal => new FixedSizeBinaryType(16),
            _ when type == typeof(TimeSpan) || type == typeof(TimeOnly) => Int64Type.Default,
            _ when type == typeof(Guid) => new FixedSizeBinaryType(16),

            // Any other value type without references (an aggregation's state, a tuple of numbers): its bytes as they
            // are in memory, read back into the same type, which the layout (not the stream) names.
            _ when Internal.TypeUtil.IsPlainBytes(type) && !type.IsPrimitive => new FixedSizeBinaryType(Internal.TypeUtil.EstimatedSize(type)),
            _ => null,
        };
    }

    private static ArrowBuffer ValidityBuffer(ulong[] bits, int count) =>
        new(MemoryMarshal.AsBytes(bits.AsSpan())[..((count + 7) >> 3)].ToArray());

    private static int PopCount(ulong[] bits, int count)
    {
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            total += Columnar.Bitmap.Get(bits, i) ? 1 : 0;
        }

        return total;
    }

    private static ulong[] Bitmap(ArrayData data, int count)
    {
        var bits = Columnar.Bitmap.Create(count);
        var buffer = data.Buffers[0].Span;
        if (buffer.IsEmpty)
        {
            for (var i = 0; i < count; i++)
            {
                Columnar.Bitmap.Set(bits, i);
            }

            return bits;
        }

        buffer[..((count + 7) >> 3)].CopyTo(MemoryMarshal.AsBytes(bits.AsSpan()));
        return bits;
    }
}
