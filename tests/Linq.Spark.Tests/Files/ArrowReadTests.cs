using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Linq.Spark.Tests;

/// <summary>ReadArrow against Arrow IPC files written by Apache.Arrow's own writer, and its errors.</summary>
public sealed class ArrowReadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData(0, 100, 1 << 20, 1)]
    [InlineData(1, 100, 1 << 20, 2)]
    [InlineData(16, 5, 1 << 20, 3)]
    [InlineData(1000, 128, 1 << 20, 1)]
    [InlineData(1000, 100, 4096, 8)]
    public void ReadArrow_writtenFile_readsEveryRowInFileOrder(int count, int rowsPerBatch, long maxPartitionBytes, int parallelism)
    {
        var rows = FileRow.Create(count);
        var path = _folder["rows.arrow"];
        Write(rows, path, rowsPerBatch, kindAsNumber: count % 2 == 0);
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, DefaultParallelism = parallelism, MaxPartitionBytes = maxPartitionBytes, FileOpenCostBytes = 0 });

        var table = session.ReadArrow<FileRow>(path);

        Assert.Equal(rows, table.ToList());
        Assert.Equal(rows.Where(r => r.Maybe > 0).Sum(r => r.Price), table.Where(r => r.Maybe > 0).Sum(r => r.Price));
    }

    [Fact]
    public void ReadArrow_manyBatchesAndFiles_packIntoSeveralPartitions()
    {
        var rows = FileRow.Create(600);
        Write(rows[..300], _folder["t/a.arrow"], 10, kindAsNumber: false);
        Write(rows[300..], _folder["t/b.arrow"], 10, kindAsNumber: true);
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, DefaultParallelism = 4, MaxPartitionBytes = 2000, FileOpenCostBytes = 0 });

        var table = session.ReadArrow<FileRow>(_folder["t"]);

        Assert.True(table.Plan().Stages[0].NumTasks > 4, table.Explain());
        Assert.Equal(rows, table.ToList());
    }

    [Fact]
    public void ReadArrow_valueThatDoesNotFit_failsNamingFileBatchRowAndField()
    {
        var path = _folder["big.arrow"];
        var ids = new Int64Array.Builder().Append(1).Append(5_000_000_000L).Build();
        var names = new StringArray.Builder().Append("one").Append("five billion").Build();
        WriteBatches(path, [new RecordBatch(new Schema([new Field("id", Int64Type.Default, false), new Field("name", StringType.Default, true)], null), [ids, names], 2)]);
        using var session = SparkSession.Local(2);

        var error = Assert.ThrowsAny<Exception>(() => session.ReadArrow<CsvReadTests.Named>(path).ToList());

        var cause = CsvReadTests.FindInvalidData(error);
        Assert.Contains(path, cause.Message, StringComparison.Ordinal);
        Assert.Contains("record batch 0 row 1, field \"id\"", cause.Message, StringComparison.Ordinal);
        Assert.Contains("5000000000 is not an int", cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadArrow_missingFieldOrNotArrow_failsBeforeAnyTask()
    {
        var path = _folder["ids.arrow"];
        var ids = new Int32Array.Builder().Append(1).Build();
        WriteBatches(path, [new RecordBatch(new Schema([new Field("id", Int32Type.Default, false)], null), [ids], 1)]);
        var text = _folder.Write("not.arrow", "id,name\n1,one\n");
        using var session = SparkSession.Local(2);

        var missing = Assert.Throws<InvalidDataException>(() => session.ReadArrow<CsvReadTests.Named>(path));
        var notArrow = Assert.Throws<InvalidDataException>(() => session.ReadArrow<CsvReadTests.Named>(text));

        Assert.Contains("no column \"Name\" for member Named.Name", missing.Message, StringComparison.Ordinal);
        Assert.Contains("\"id\"", missing.Message, StringComparison.Ordinal);
        Assert.Contains("is not an Arrow IPC file", notArrow.Message, StringComparison.Ordinal);
        Assert.Empty(session.CompletedJobs);
    }

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();

    /// <summary>Writes rows with Arrow's builders, in batches, the kind as its name or its number.</summary>
    private static void Write(IReadOnlyList<FileRow> rows, string path, int rowsPerBatch, bool kindAsNumber)
    {
        var fields = new List<Field>
        {
            new("id", Int32Type.Default, false),
            new("text", StringType.Default, true),
            new("big", Int64Type.Default, false),
            new("ratio", DoubleType.Default, false),
            new("price", new Decimal128Type(12, 2), false),
            new("day", Date32Type.Default, false),
            new("at", new TimestampType(TimeUnit.Microsecond, (string?)null), false),
            new("flag", BooleanType.Default, false),
            new("kind", kindAsNumber ? Int8Type.Default : StringType.Default, false),
            new("maybe", Int32Type.Default, true),
        };
        var schema = new Schema(fields, null);
        var batches = new List<RecordBatch>();
        for (var start = 0; start < rows.Count; start += rowsPerBatch)
        {
            var part = rows.Skip(start).Take(rowsPerBatch).ToList();
            var text = new StringArray.Builder();
            var maybe = new Int32Array.Builder();
            var price = new Decimal128Array.Builder(new Decimal128Type(12, 2));
            var at = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null));
            foreach (var r in part)
            {
                text.Append(r.Text);
                if (r.Maybe is { } m)
                {
                    maybe.Append(m);
                }
                else
                {
                    maybe.AppendNull();
                }

                price.Append(r.Price);
                at.Append(new DateTimeOffset(r.At, TimeSpan.Zero));
            }

            IArrowArray kind = kindAsNumber
                ? new Int8Array.Builder().AppendRange(part.Select(r => (sbyte)r.Kind)).Build()
                : new StringArray.Builder().AppendRange(part.Select(r => r.Kind.ToString())).Build();
            batches.Add(new RecordBatch(schema, [
                new Int32Array.Builder().AppendRange(part.Select(r => r.Id)).Build(),
                text.Build(),
                new Int64Array.Builder().AppendRange(part.Select(r => r.Big)).Build(),
                new DoubleArray.Builder().AppendRange(part.Select(r => r.Ratio)).Build(),
                price.Build(),
                new Date32Array.Builder().AppendRange(part.Select(r => r.Day)).Build(),
                at.Build(),
                new BooleanArray.Builder().AppendRange(part.Select(r => r.Flag)).Build(),
                kind,
                maybe.Build(),
            ], part.Count));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WriteBatches(path, batches, schema);
    }

    private static void WriteBatches(string path, IReadOnlyList<RecordBatch> batches, Schema? schema = null)
    {
        using var stream = File.Create(path);
        using var writer = new ArrowFileWriter(stream, schema ?? batches[0].Schema);
        writer.WriteStart();
        foreach (var batch in batches)
        {
            writer.WriteRecordBatch(batch);
        }

        writer.WriteEnd();
    }
}
