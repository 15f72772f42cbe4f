using System.Globalization;

namespace Linq.Spark.Tests;

/// <summary>ReadCsv against files DuckDB wrote: every row back, in file order, over many split sizes and partition counts.</summary>
public sealed class CsvReadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public static TheoryData<int, long, int, bool> Layouts() => new()
    {
        // rows, MaxPartitionBytes, DefaultParallelism, Vectorize
        { 0, 1 << 20, 2, true },
        { 1, 1 << 20, 1, true },
        { 2, 64, 3, false },
        { 15, 200, 2, true },
        { 16, 300, 8, false },
        { 1000, 1 << 20, 1, true },
        { 1000, 2048, 3, true },
        { 1000, 700, 8, false },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ReadCsv_duckDbWrittenFile_readsEveryRowInFileOrder(int count, long maxPartitionBytes, int parallelism, bool vectorize)
    {
        var rows = FileRow.Create(count);
        var path = _folder["rows.csv"];
        DuckDbFiles.Copy(rows, path, "format csv, header");
        using var session = Session(maxPartitionBytes, parallelism, vectorize);

        var table = session.ReadCsv<FileRow>(path);

        Assert.Equal(rows, table.ToList());
        Assert.Equal(rows.Where(r => r.Ratio > 0 && r.Text != null).Sum(r => r.Big), table.Where(r => r.Ratio > 0 && r.Text != null).Sum(r => r.Big));
        Assert.Equal(
            rows.GroupBy(r => r.Kind).Select(g => (g.Key, g.Count(), g.Sum(r => r.Price), g.Max(r => r.At))).OrderBy(g => g.Key),
            table.GroupBy(r => r.Kind).Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(r => r.Price), Max = g.Max(r => r.At) })
                .ToList().Select(g => (g.Key, g.Count, g.Sum, g.Max)).OrderBy(g => g.Key));
        Assert.Equal(rows.Count(r => r.Maybe == null), table.Count(r => r.Maybe == null));
    }

    [Fact]
    public void ReadCsv_smallSplits_cutAtRecordStartsEvenInsideQuotedLineFeeds()
    {
        var rows = FileRow.Create(400);
        var path = _folder["rows.csv"];
        DuckDbFiles.Copy(rows, path, "format csv, header, force_quote *");
        using var session = Session(maxPartitionBytes: 97, parallelism: 4, vectorize: true);

        var table = session.ReadCsv<FileRow>(path);

        Assert.True(table.Plan().Stages[0].NumTasks > 10, table.Explain());
        Assert.Equal(rows, table.ToList());
    }

    [Fact]
    public void ReadCsv_shippedPlanAndSmallBatches_readTheSameRows()
    {
        var rows = FileRow.Create(300);
        var path = _folder["rows.csv"];
        DuckDbFiles.Copy(rows, path, "format csv, header");
        using var session = SparkSession.Create(new SparkOptions
        {
            ExecutorThreads = 2, MaxPartitionBytes = 1000, FileOpenCostBytes = 0, RoundTripPlans = true, EncodeShuffleBlocks = true, BatchSize = 13,
        });
        session.RegisterAssembly(typeof(FileRow).Assembly);

        var table = session.ReadCsv<FileRow>(path);

        Assert.Equal(rows, table.ToList());
        Assert.Equal(
            rows.GroupBy(r => r.Day.Month).Select(g => (g.Key, g.Sum(r => r.Big))).OrderBy(g => g.Key),
            table.GroupBy(r => r.Day.Month).Select(g => new { g.Key, Sum = g.Sum(r => r.Big) }).ToList().Select(g => (g.Key, g.Sum)).OrderBy(g => g.Key));
    }

    [Fact]
    public void ReadCsv_hivePartitionFolders_giveTheirMember()
    {
        var rows = FileRow.Create(200);
        DuckDbFiles.Copy(rows, _folder["table"], "format csv, header, partition_by (kind)");
        using var session = Session(1 << 20, 2, true);

        var table = session.ReadCsv<FileRow>(_folder["table"]);

        Assert.Equal(rows, table.ToList().OrderBy(r => r.Id));
        Assert.Equal(rows.Count(r => r.Kind == Kind.Gamma), table.Count(r => r.Kind == Kind.Gamma));
    }

    [Fact]
    public void ReadCsv_globAndDirectory_readDataFilesOnly()
    {
        _folder.Write("d/a.csv", "Id,Name\n1,one\n2,two\n");
        _folder.Write("d/b.csv", "Id,Name\n3,three\n");
        _folder.Write("d/notes.txt", "Id,Name\n99,not csv\n");
        _folder.Write("d/_SUCCESS", "");
        _folder.Write("d/.hidden.csv", "Id,Name\n98,hidden\n");
        using var session = Session(1 << 20, 2, true);

        Assert.Equal([1, 2, 3], session.ReadCsv<Named>(_folder["d/*.csv"]).Select(n => n.Id).ToList());
        Assert.Equal([1, 2, 3, 99], session.ReadCsv<Named>(_folder["d"]).Select(n => n.Id).ToList().Order());
    }

    [Fact]
    public void ReadCsv_noHeaderDelimiterNullValueAndCulture_areHonoured()
    {
        var path = _folder.Write("de.csv", "1;eins;2,5\n2;NA;NA\n\n3;\"drei; vier\";-0,25\n");
        using var session = Session(1 << 20, 2, true);
        var options = new CsvReadOptions { Header = false, Delimiter = ';', NullValue = "NA", Culture = CultureInfo.GetCultureInfo("de-DE") };

        var rows = session.ReadCsv<Measured>(path, options).ToList();

        Assert.Equal([new Measured(1, "eins", 2.5), new Measured(2, null, null), new Measured(3, "drei; vier", -0.25)], rows);
    }

    [Fact]
    public void ReadCsv_columnNameAttribute_bindsTheNamedColumn()
    {
        var path = _folder.Write("renamed.csv", "order id,label\n7,seven\n");
        using var session = Session(1 << 20, 1, true);

        Assert.Equal([new Renamed(7, "seven")], session.ReadCsv<Renamed>(path).ToList());
    }

    [Fact]
    public void ReadCsv_missingColumn_failsBeforeAnyTaskNamingFileMemberAndColumns()
    {
        var path = _folder.Write("short.csv", "id,text\n1,a\n");
        using var session = Session(1 << 20, 1, true);

        var error = Assert.Throws<InvalidDataException>(() => session.ReadCsv<FileRow>(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("FileRow.Big", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"id\", \"text\"", error.Message, StringComparison.Ordinal);
        Assert.Empty(session.CompletedJobs);
    }

    [Fact]
    public void ReadCsv_badValueFailFast_failsTheJobNamingFileLineColumnAndValue()
    {
        var path = _folder.Write("bad.csv", "Id,Name\n1,one\n2x,two\n3,three\n");
        using var session = Session(1 << 20, 1, true);

        var error = Assert.ThrowsAny<Exception>(() => session.ReadCsv<Named>(path).ToList());

        var cause = FindInvalidData(error);
        Assert.Contains(path, cause.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", cause.Message, StringComparison.Ordinal);
        Assert.Contains("column \"Id\"", cause.Message, StringComparison.Ordinal);
        Assert.Contains("\"2x\"", cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_dropMalformed_skipsBadRowsKeepsTheRestAndCountsThem()
    {
        var path = _folder.Write("bad.csv", "Id,Name\n1,one\n2x,two\n3,three,extra\n4,four\n,five\n");
        using var session = Session(1 << 20, 1, true);

        var rows = session.ReadCsv<Named>(path, new CsvReadOptions { Mode = CsvParseMode.DropMalformed }).ToList();
        var scan = Assert.Single(session.CompletedJobs[^1].Stages.SelectMany(s => s.Scans));

        Assert.Equal([new Named(1, "one"), new Named(4, "four")], rows);
        Assert.Equal((3, 2, 1), (scan.MalformedRowsDropped, scan.RowsRead, scan.FilesRead));
    }

    [Fact]
    public void ReadCsv_query_parsesOnlyTheColumnsItReads()
    {
        // Name is never parsed, so a value that would not parse as its member is not an error (as with Spark's CSV column pruning).
        var path = _folder.Write("wide.csv", "Id,Name,Value\n1,one,1.5\n2,two,oops\n3,three,2.5\n");
        using var session = Session(1 << 20, 2, true);
        var table = session.ReadCsv<Measured>(path);

        var names = table.Where(m => m.Id > 1).Select(m => m.Name).ToList();
        var scan = Assert.Single(session.CompletedJobs[^1].Stages.SelectMany(s => s.Scans));

        Assert.Equal(["two", "three"], names);
        Assert.Equal((2, 3), (scan.ColumnsRead, scan.Columns));
        Assert.Contains("ReadSchema: [Id, Name]", table.Where(m => m.Id > 1).Select(m => m.Name).Explain(), StringComparison.Ordinal);
        Assert.Contains("\"oops\"", FindInvalidData(Assert.ThrowsAny<Exception>(() => table.Select(m => m.Value).ToList())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_unreadableMemberTypeOrNoFiles_failsWithClearErrors()
    {
        var path = _folder.Write("x.csv", "Id,Tags\n1,a\n");
        using var session = Session(1 << 20, 1, true);

        var type = Assert.Throws<NotSupportedException>(() => session.ReadCsv<Tagged>(path));
        var missing = Assert.Throws<FileNotFoundException>(() => session.ReadCsv<Named>(_folder["nothing/*.csv"]));

        Assert.Contains("Tagged.Tags", type.Message, StringComparison.Ordinal);
        Assert.Contains("nothing", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_headerNamingAColumnTwice_failsNamingTheFile()
    {
        var path = _folder.Write("twice.csv", "Id,Name,Id\n1,one,2\n");
        using var session = Session(1 << 20, 1, true);

        var error = Assert.Throws<InvalidDataException>(() => session.ReadCsv<Named>(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_csvScan_showsFilesAndReadSchema()
    {
        var path = _folder.Write("n.csv", "Id,Name\n1,one\n");
        using var session = Session(1 << 20, 1, true);

        var text = session.ReadCsv<Named>(path).Where(n => n.Id > 0).Explain();

        Assert.Contains("Scan csv [", text, StringComparison.Ordinal);
        Assert.Contains("ReadSchema: [Id, Name]", text, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();

    internal static InvalidDataException FindInvalidData(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is InvalidDataException found)
            {
                return found;
            }
        }

        throw new Xunit.Sdk.XunitException($"No InvalidDataException in {error}");
    }

    private static SparkSession Session(long maxPartitionBytes, int parallelism, bool vectorize) =>
        SparkSession.Create(new SparkOptions { ExecutorThreads = 2, DefaultParallelism = parallelism, MaxPartitionBytes = maxPartitionBytes, FileOpenCostBytes = 0, Vectorize = vectorize });

    /// <summary>Two columns: an id and a name.</summary>
    public sealed record Named(int Id, string? Name);

    /// <summary>A row with a nullable number, for culture and null-value tests.</summary>
    public sealed record Measured(int Id, string? Name, double? Value);

    /// <summary>Members named apart from their columns.</summary>
    public sealed record Renamed([property: ColumnName("order id")] int OrderId, [property: ColumnName("LABEL")] string Label);

    /// <summary>A member no file column can hold.</summary>
    public sealed record Tagged(int Id, List<int> Tags);
}
