using Linq.Spark.Columnar;
using Linq.Spark.Execution.Blocks;
using Linq.Spark.Planning.Serialization;

namespace Linq.Spark.Tests;

/// <summary>Every column kind the engine has survives a trip through an Arrow IPC block, compressed or not.</summary>
public sealed class ArrowBlockCodecTests
{
    private static readonly Everything[] Values =
    [
        new(1, -2, 3.5, 1.25f, true, 'x', 7, 8, 9, 10, 11, 12, 1.10m, new DateOnly(2024, 2, 29), new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            TimeSpan.FromTicks(123), new TimeOnly(1, 2, 3), Guid.NewGuid(), Kind.Beta, "ärlig", 5, null, new Inner("a", 1), [1, 2]),
        new(int.MinValue, long.MaxValue, double.NaN, float.NegativeInfinity, false, '\0', 0, 0, 0, 0, 0, 0, decimal.MinValue, DateOnly.MinValue,
            DateTime.MaxValue, TimeSpan.MinValue, TimeOnly.MaxValue, Guid.Empty, Kind.Delta, null, null, 2.5, null, []),
        new(0, 0, -0.0, 0, true, 'ß', 1, 2, 3, 4, 5, 6, 0.000001m, new DateOnly(1969, 12, 31), new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Local),
            TimeSpan.Zero, TimeOnly.MinValue, Guid.NewGuid(), Kind.Alpha, "", -1, -0.5, new Inner(null, 0), null),
    ];

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Block_ofEveryColumnKind_decodesToTheSameRows(bool stored, bool compressed)
    {
        var encoder = (Encoder<Everything>)Encoders.For(typeof(Everything), stored);
        var batch = encoder.Encode(Values, 0, Values.Length);
        var codec = new ArrowBlockCodec(new TypeAllowList([typeof(Everything).Assembly]), compressed ? Apache.Arrow.Ipc.CompressionCodecType.Lz4Frame : null);

        var read = encoder.Decode(codec.Decode(codec.Encode(batch, encoder), encoder));

        Assert.Equal(Values.Length, read.Length);
        for (int i = 0; i < Values.Length; i++)
        {
            Assert.Null(ResultComparer.CompareValues(Canonical.Of(Values[i]), Canonical.Of(read[i])));
            Assert.Equal(Values[i].Stamp.Kind, read[i].Stamp.Kind);
        }
    }

    [Fact]
    public void Block_ofValueTypesWithoutReferences_writesTheirBytesAndReadsThemBack()
    {
        // An aggregation's entries: a key and a state of numbers, as a spilled aggregation writes them.
        var rows = Enumerable.Range(0, 1_000).Select(i => new Buffers.AggregateEntry<int, (long Sum, int Count, double Max)>(i - 500, (i * 3L, i % 7, i / 3.0))).ToArray();
        var encoder = Encoder<Buffers.AggregateEntry<int, (long Sum, int Count, double Max)>>.Exchange;
        var codec = new ArrowBlockCodec(new TypeAllowList([]));

        var bytes = codec.Encode(encoder.Encode(rows, 0, rows.Length), encoder);
        var read = encoder.Decode(codec.Decode(bytes, encoder));

        Assert.Equal(rows, read);

        // The state column is one fixed-size binary column, not the value codec's per-value payload.
        using var reader = new Apache.Arrow.Ipc.ArrowStreamReader(bytes);
        Assert.Contains(reader.Schema.FieldsList, f => f.DataType is Apache.Arrow.Types.FixedSizeBinaryType);
    }

    [Fact]
    public void Block_ofAnonymousTypeKeys_writesStructsOfTheirMembersAndReadsThemBack()
    {
        // A partial aggregation's rows keyed by an anonymous type (TPC-H Q10's seven-member key), nested one level.
        var rows = Enumerable.Range(0, 100)
            .Select(i => (Key: new { Id = i, Name = i % 3 == 0 ? null : "n" + i, Day = new DateOnly(2024, 1, 1).AddDays(i), Inner = new { X = i * 0.5, N = i % 4 == 0 ? (int?)null : i } }, Sum: i * 7L))
            .ToArray();
        var encoder = Encoders.For(rows.GetType().GetElementType()!, stored: false);
        var codec = new ArrowBlockCodec(new TypeAllowList([typeof(ArrowBlockCodecTests).Assembly]));

        var bytes = codec.Encode(encoder.EncodeArray(rows), encoder);
        var read = encoder.DecodeAll(codec.Decode(bytes, encoder));

        Assert.Equal(rows.Cast<object>(), read.Cast<object>());
        using var reader = new Apache.Arrow.Ipc.ArrowStreamReader(bytes);
        Assert.Contains(reader.Schema.FieldsList, f => f.DataType is Apache.Arrow.Types.StructType);
        Assert.DoesNotContain(reader.Schema.FieldsList, f => f.DataType is Apache.Arrow.Types.BinaryType);
    }

    [Fact]
    public void Block_ofObjectsOfADerivedTypeOrNull_keepsThemWhole()
    {
        // A struct of the declared type's members would lose a derived type's own members, and has no place for a null.
        Shape[] shapes = [new Circle(1, 2.5), new Shape(2), null!];
        var encoder = Encoders.For(typeof(Holder), stored: false);
        var codec = new ArrowBlockCodec(new TypeAllowList([typeof(ArrowBlockCodecTests).Assembly]));
        foreach (var rows in new[] { shapes[..2], shapes[1..] }.Select(s => s.Select(x => new Holder(x)).ToArray()))
        {
            var read = (Holder[])encoder.DecodeAll(codec.Decode(codec.Encode(encoder.EncodeArray(rows), encoder), encoder));

            Assert.Equal(rows, read);
        }
    }

    [Fact]
    public void Block_withAColumnNotWritten_leavesItOut()
    {
        var encoder = Encoder<Everything>.Exchange;
        var full = encoder.Encode(Values, 0, Values.Length);
        var columns = (Array?[])full.Columns.Clone();
        columns[3] = null;
        var partial = new ColumnBatch(full.Count, columns, full.Validity, full.Dictionaries);
        var codec = new ArrowBlockCodec(new TypeAllowList([typeof(Everything).Assembly]));

        var read = codec.Decode(codec.Encode(partial, encoder), encoder);

        Assert.Null(read.Columns[3]);
        Assert.Equal((int[])full.Columns[0]!, (int[])read.Columns[0]!);
    }

    [Fact]
    public void Block_withAValueOfAnUnallowedType_isRefusedNamingIt()
    {
        var encoder = Encoder<Everything>.Exchange;
        var batch = encoder.Encode(Values, 0, 1);

        var error = Assert.Throws<NotSupportedException>(() => new ArrowBlockCodec(new TypeAllowList([])).Encode(batch, encoder));

        Assert.Contains(typeof(Inner).FullName!, error.Message);
    }

    /// <summary>A member of every kind a column can have.</summary>
    public sealed record Everything(
        int I, long L, double D, float F, bool B, char C, byte U8, sbyte S8, short S16, ushort U16, uint U32, ulong U64, decimal M, DateOnly Day,
        DateTime Stamp, TimeSpan Span, TimeOnly Time, Guid Id, Kind Kind, string? Name, int? N, double? Maybe, Inner? Nested, int[]? Array);

    /// <summary>A row holding a shape, which may be of a derived type.</summary>
    public sealed record Holder(Shape? Shape);

    /// <summary>A base type whose values may be of a derived type.</summary>
    public record Shape(int Id);

    /// <summary>A derived type with a member of its own.</summary>
    public sealed record Circle(int Id, double Radius) : Shape(Id);

    /// <summary>A member type that is not split into columns.</summary>
    public sealed record Inner(string? Label, int Number);
}
