namespace Linq.Spark.Tests;

/// <summary>
/// ReadParquet and WriteParquet: files written by DuckDB and by Linq.Spark, read back by both; row group and folder
/// skipping by pushed filters, column pruning, and the errors for files that do not fit.
/// </summary>
public sealed class ParquetTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public static TheoryData<int, int, bool> Sizes() => new()
    {
        { 0, 1, true }, { 1, 2, false }, { 2, 3, true }, { 15, 8, false }, { 16, 2, true }, { 1000, 3, false }, { 5000, 8, true },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ReadParquet_duckDbFile_readsEveryRowInOrder(int count, int parallelism, bool vectorize)
    {
        var rows = FileRow.Create(count);
        var path = _folder["duck.parquet"];
        DuckDbFiles.Copy(rows, path, "FORMAT PARQUET, ROW_GROUP_SIZE 2048");
        using var session = Session(parallelism, vectorize);

        var table = session.ReadParquet<FileRow>(path);

        Assert.Equal(rows, table.ToList());
        Assert.Equal(rows.Where(r => r.Maybe > 0).Sum(r => r.Price), table.Where(r => r.Maybe > 0).Sum(r => r.Price));
        Assert.Equal(
            rows.GroupBy(r => r.Kind).Select(g => (g.Key, g.Count(), g.Sum(r => r.Big))).OrderBy(g => g.Key),
            table.GroupBy(r => r.Kind).Select(g => new { g.Key, Count = g.Count(), Big = g.Sum(r => r.Big) }).ToList().Select(g => (g.Key, g.Count, g.Big)).OrderBy(g => g.Key));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void WriteParquet_rows_readBackByLinqSparkAndDuckDb(int count, int partitions, bool vectorize)
    {
        var rows = FileRow.Create(count);
        using var session = Session(2, vectorize);
        var path = _folder["out"];

        session.Parallelize(rows, partitions).WriteParquet(path);

        Assert.Equal(partitions, Directory.GetFiles(path, "part-*.parquet").Length);
        Assert.True(File.Exists(Path.Combine(path, "_SUCCESS")));
        Assert.Equal(rows, session.ReadParquet<FileRow>(path).ToList());
        Assert.Equal(WriteTests.Totals(rows), WriteTests.DuckDbTotals($"read_parquet('{path}/*.parquet')"));
    }

    [Fact]
    public void ReadParquet_filterOnMember_skipsRowGroupsByStatistics()
    {
        var rows = FileRow.Create(10_000);
        var path = _folder["groups.parquet"];
        DuckDbFiles.Copy(rows, path, "FORMAT PARQUET, ROW_GROUP_SIZE 2048");
        using var session = Session(2, true);
        var table = session.ReadParquet<FileRow>(path);
        var from = 9_000;

        var filtered = table.Where(r => r.Id >= from && r.Text != null).Select(r => r.Price).ToList();
        var filteredScan = Assert.Single(session.CompletedJobs[^1].Stages.SelectMany(s => s.Scans));
        var all = table.Where(r => r.Text != null).Select(r => r.Price).ToList();
        var allScan = Assert.Single(session.CompletedJobs[^1].Stages.SelectMany(s => s.Scans));

        Assert.Equal(rows.Where(r => r.Id >= from && r.Text != null).Select(r => r.Price), filtered);
        Assert.Equal(rows.Where(r => r.Text != null).Select(r => r.Price), all);
        Assert.True(allScan.RowGroupsRead >= 4, allScan.ToString());
        Assert.Equal(0, allScan.RowGroupsSkipped);
        Assert.True(filteredScan.RowGroupsRead < allScan.RowGroupsRead, filteredScan.ToString());
        Assert.Equal(allScan.RowGroupsRead, filteredScan.RowGroupsRead + filteredScan.RowGroupsSkipped);
        Assert.True(filteredScan.RowsRead < rows.Count, filteredScan.ToString());
    }

    [Fact]
    public void ReadParquet_pushedFilterAfterAThrowingTerm_isNotPushed_andBeforeOne_skipsOnlyRowsLinqNeverReaches()
    {
        var rows = FileRow.Create(6_000);
        var path = _folder["throwing.parquet"];
        DuckDbFiles.Copy(rows, path, "FORMAT PARQUET, ROW_GROUP_SIZE 2048");
        using var session = Session(2, true);
        var table = session.ReadParquet<FileRow>(path);

        // Id 10 divides by zero, but LINQ never reaches it: Id >= 5000 is false first. The skipped row groups hold it.
        var safe = table.Where(r => r.Id >= 5000 && 100 / (r.Id - 10) >= 0);
        Assert.Contains("PushedFilters: [Id >= 5000]", safe.Explain(), StringComparison.Ordinal);
        Assert.Equal(rows.Count(r => r.Id >= 5000 && 100 / (r.Id - 10) >= 0), safe.Count());

        // Here the division comes first and LINQ throws at Id 10, so nothing may be skipped.
        var throwing = table.Where(r => 100 / (r.Id - 10) >= 0 && r.Id >= 5000);
        Assert.Contains("PushedFilters: []", throwing.Explain(), StringComparison.Ordinal);
        Assert.Throws<DivideByZeroException>(() => rows.Count(r => 100 / (r.Id - 10) >= 0 && r.Id >= 5000));
        Assert.IsType<DivideByZeroException>(Assert.Throws<SparkJobException>(() => throwing.Count()).InnerException);
    }

    [Fact]
    public void ReadParquet_queryShapeFirstPlannedOverMemory_stillPushesItsFilterIntoTheFiles()
    {
        var rows = FileRow.Create(800);
        using var session = Session(2, true);
        var path = _folder["reuse"];
        session.Parallelize(rows, 8).WriteParquet(path);
        var low = 100;

        // The same shape over a parallelized source first: its plan has no pushdown and must not be reused for files.
        Assert.Equal(rows.Count(r => r.Id < low), CountBelow(session.Parallelize(rows, 8), low));
        Assert.Equal(rows.Count(r => r.Id < low), CountBelow(session.ReadParquet<FileRow>(path), low));
        var scan = Assert.Single(session.CompletedJobs[^1].Stages.SelectMany(s => s.Scans));

        Assert.StartsWith("parquet [", scan.Source, StringComparison.Ordinal);
        Assert.Equal((1, 7), (scan.RowGroupsRead, scan.RowGroupsSkipped));

        static int CountBelow(IQueryable<FileRow> table, int bound) => table.Where(r => r.Id < bound).Count();
    }

    [Fact]
    public void ReadParquet_countWithPredicate_skipsRowGroupsItsPredicateRulesOut_butSumsDoNot()
    {
        var rows = FileRow.Create(800);
        using var session = Session(2, true);
        var path = _folder["counted"];
        session.Parallelize(rows, 8).WriteParquet(path);
        var table = session.ReadParquet<FileRow>(path);
        var low = 100;

        Assert.Equal(rows.Count(r => r.Id < low && 100 / (r.Id - 500) < 1000), table.Count(r => r.Id < low && 100 / (r.Id - 500) < 1000));
        var counted = Assert.Single(session.CompletedJobs[^1].Stages.SelectMany(s => s.Scans));
        Assert.Equal(rows.LongCount(r => r.Id >= 700), table.LongCount(r => r.Id >= 700));
        var longCounted = Assert.Single(session.CompletedJobs[^1].Stages.SelectMany(s => s.Scans));
        Assert.Equal(rows.GroupBy(r => r.Kind).Select(g => g.Count(r => r.Id < low)).Order(), table.GroupBy(r => r.Kind).Select(g => g.Count(r => r.Id < low)).ToList().Order());
        var grouped = session.CompletedJobs[^1].Stages.SelectMany(s => s.Scans).Single();

        Assert.Equal((1, 7), (counted.RowGroupsRead, counted.RowGroupsSkipped));
        Assert.Equal((1, 7), (longCounted.RowGroupsRead, longCounted.RowGroupsSkipped));
        Assert.Equal(0, grouped.RowGroupsSkipped); // a group whose rows all fail still counts 0: nothing may be skipped
    }

    [Fact]
    public void ReadParquet_query_decodesOnlyTheColumnsItReads()
    {
        var rows = FileRow.Create(3000);
        var path = _folder["pruned.parquet"];
        DuckDbFiles.Copy(rows, path, "FORMAT PARQUET");
        using var session = Session(2, true);
        var table = session.ReadParquet<FileRow>(path);

        Assert.Equal(rows.Sum(r => r.Price), table.Sum(r => r.Price));
        var one = Assert.Single(session.CompletedJobs[^1].Stages.SelectMany(s => s.Scans));
        Assert.Equal(rows.Where(r => r.Flag).Select(r => r.Text).ToList(), table.Where(r => r.Flag).Select(r => r.Text).ToList());
        var two = Assert.Single(session.CompletedJobs[^1].Stages.SelectMany(s => s.Scans));
        Assert.Equal(rows, table.ToList());
        var whole = Assert.Single(session.CompletedJobs[^1].Stages.SelectMany(s => s.Scans));

        Assert.Equal((1, 10), (one.ColumnsRead, one.Columns));
        Assert.Equal((2, 10), (two.ColumnsRead, two.Columns));
        Assert.Equal((10, 10), (whole.ColumnsRead, whole.Columns));
        Assert.Contains("ReadSchema: [Text, Flag]", table.Where(r => r.Flag).Select(r => r.Text).Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadParquet_hiveFolders_filterOnPartitionValue_skipsFiles()
    {
        var rows = FileRow.Create(400);
        var path = _folder["by-kind"];
        DuckDbFiles.Copy(rows, path, "FORMAT PARQUET, PARTITION_BY (kind)");
        using var session = Session(3, true);
        var table = session.ReadParquet<FileRow>(path);
        var wanted = Kind.Gamma;

        var query = table.Where(r => r.Kind == wanted).OrderBy(r => r.Id);
        var read = query.ToList();
        var scan = Assert.Single(session.CompletedJobs[^1].Stages.SelectMany(s => s.Scans));

        Assert.Equal(rows.Where(r => r.Kind == wanted), read);
        Assert.Equal((1, 3), (scan.FilesRead, scan.FilesSkipped));
        Assert.Matches(@"PartitionFilters: \[Kind == [^\]]+\] PushedFilters: \[\]", query.Explain());
        Assert.Equal(rows.OrderBy(r => r.Id), table.OrderBy(r => r.Id).ToList());
    }

    [Fact]
    public void ReadParquet_missingColumnOrTypeThatDoesNotConvert_failsBeforeAnyTaskNamingFileMemberAndColumns()
    {
        var path = _folder["rows.parquet"];
        DuckDbFiles.Copy(FileRow.Create(10), path, "FORMAT PARQUET");
        using var session = Session(2, true);

        var missing = Assert.Throws<InvalidDataException>(() => session.ReadParquet<NoSuchColumn>(path));
        var wrongType = Assert.Throws<InvalidDataException>(() => session.ReadParquet<TextAsNumber>(path));

        Assert.Contains(path, missing.Message, StringComparison.Ordinal);
        Assert.Contains("NoSuchColumn.Missing", missing.Message, StringComparison.Ordinal);
        Assert.Contains("\"ratio\"", missing.Message, StringComparison.Ordinal);
        Assert.Contains(path, wrongType.Message, StringComparison.Ordinal);
        Assert.Contains("column \"text\"", wrongType.Message, StringComparison.Ordinal);
        Assert.Contains("TextAsNumber.Text, an int", wrongType.Message, StringComparison.Ordinal);
        Assert.Empty(session.CompletedJobs);
    }

    [Fact]
    public void ReadParquet_nullIntoNonNullableMember_failsNamingFileRowGroupRowAndColumn()
    {
        var path = _folder["nulls.parquet"];
        DuckDbFiles.Copy(FileRow.Create(10), path, "FORMAT PARQUET");
        using var session = Session(1, true);

        var error = Assert.ThrowsAny<Exception>(() => session.ReadParquet<MaybeNotNull>(path).ToList());

        var cause = CsvReadTests.FindInvalidData(error);
        Assert.Contains(path, cause.Message, StringComparison.Ordinal);
        Assert.Contains("row group 0 row 0, column \"maybe\": null is not an int", cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadParquet_everyPhysicalTypeDuckDbWrites_readsIntoItsMembers()
    {
        // BOOLEAN, INT32 (tinyint, smallint, integer, date, decimal(9,2)), INT64 (bigint, ubigint, timestamp,
        // decimal(18,4)), FLOAT, DOUBLE, BYTE_ARRAY (varchar) and FIXED_LEN_BYTE_ARRAY (decimal(28,6), uuid).
        var path = _folder["types.parquet"];
        using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                copy (select * from (values
                    (true, -5::tinyint, -300::smallint, 70000, 9000000000::bigint, 18000000000000000000::ubigint, 1.5::float, -2.25::double,
                     12.34::decimal(9,2), -56789.0123::decimal(18,4), 123456789012345678.123456::decimal(28,6), date '2024-02-29',
                     timestamp '2024-03-01 12:34:56.789', 'text', '6f1c1e2a-4b0d-4c55-9d7e-2f0b8f0e3a11'::uuid),
                    (null, null, null, null, null, null, null, null, null, null, null, null, null, null, null))
                  t(b, i8, i16, i32, i64, u64, f32, f64, d9, d18, d28, day, "at", txt, id)) to '{path}' (format parquet)
                """;
            command.ExecuteNonQuery();
        }

        using var session = Session(1, true);
        var rows = session.ReadParquet<Typed>(path).ToList();

        Assert.Equal(
            [
                new Typed(true, -5, -300, 70000, 9000000000, 18000000000000000000, 1.5f, -2.25, 12.34m, -56789.0123m, 123456789012345678.123456m,
                    new DateOnly(2024, 2, 29), new DateTime(2024, 3, 1, 12, 34, 56, 789), "text", Guid.Parse("6f1c1e2a-4b0d-4c55-9d7e-2f0b8f0e3a11")),
                new Typed(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null),
            ],
            rows);
        Assert.Equal(2, session.ReadParquet<Typed>(path).Where(t => t.I16 < 0 || t.I16 == null).Select(t => t.D28).Count());
    }

    [Fact]
    public void ReadParquet_textIntoCharMember_readsOneCharacterTexts_andFailsNamingAnyOther()
    {
        var path = _folder["flags.parquet"];
        using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"copy (select * from (values (1, 'A'), (2, 'ü'), (3, null), (4, 'R')) t(id, flag)) to '{path}' (format parquet)";
            command.ExecuteNonQuery();
        }

        using var session = Session(1, true);
        var flags = session.ReadParquet<Flagged>(path).ToList();
        var error = Assert.ThrowsAny<Exception>(() => session.ReadParquet<StrictFlag>(path).ToList());

        Assert.Equal([new Flagged(1, 'A'), new Flagged(2, 'ü'), new Flagged(3, null), new Flagged(4, 'R')], flags);
        Assert.Contains("row group 0 row 2, column \"flag\": null is not a char (member StrictFlag.Flag)", CsvReadTests.FindInvalidData(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadParquet_corruptOrTruncatedFile_failsNamingIt()
    {
        var good = _folder["good.parquet"];
        DuckDbFiles.Copy(FileRow.Create(100), good, "FORMAT PARQUET");
        var bytes = File.ReadAllBytes(good);
        var truncated = _folder["truncated.parquet"];
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var text = _folder.Write("text.parquet", "id,text\n1,one\n");
        using var session = Session(1, true);

        foreach (var path in new[] { truncated, text })
        {
            var error = Assert.Throws<InvalidDataException>(() => session.ReadParquet<FileRow>(path));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("is not a readable Parquet file", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WriteParquet_memberParquetCannotHold_failsBeforeWritingAnything()
    {
        using var session = Session(1, true);
        var path = _folder["spans"];

        var error = Assert.Throws<NotSupportedException>(() => session.Parallelize([new WithSpan(TimeSpan.FromSeconds(1))]).WriteParquet(path));

        Assert.Contains("WithSpan.Span is a TimeSpan", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(path));
    }

    [Fact]
    public void WriteParquet_thenFilteredRead_skipsTheOtherPartitionsFiles()
    {
        var rows = FileRow.Create(800);
        using var session = Session(2, true);
        var path = _folder["ordered"];
        session.Parallelize(rows, 8).WriteParquet(path);
        var low = 100;

        var read = session.ReadParquet<FileRow>(path).Where(r => r.Id < low).ToList();
        var scan = Assert.Single(session.CompletedJobs[^1].Stages.SelectMany(s => s.Scans));

        Assert.Equal(rows.Where(r => r.Id < low), read);
        Assert.Equal((1, 7), (scan.RowGroupsRead, scan.RowGroupsSkipped));
    }

    [Fact]
    public void ReadParquet_rowsReadMemberByMember_decodeOnlyThoseMembers_andRowsUsedWhole_decodeAll()
    {
        var rows = FileRow.Create(500);
        var path = _folder["use.parquet"];
        DuckDbFiles.Copy(rows, path, "FORMAT PARQUET");
        using var session = Session(2, true);
        var t = session.ReadParquet<FileRow>(path);

        int ColumnsRead() => session.CompletedJobs[^1].Stages.SelectMany(s => s.Scans).Max(s => s.ColumnsRead);

        // Through anonymous types and transparent identifiers, group elements and a self join: member by member.
        Assert.Equal(rows.Where(r => r.Flag).Select(r => new { r, X = 1 }).Select(p => p.r.Price).Sum(), t.Where(r => r.Flag).Select(r => new { r, X = 1 }).Select(p => p.r.Price).Sum());
        Assert.Equal(2, ColumnsRead());
        Assert.Equal(
            rows.GroupBy(r => r.Kind).Select(g => g.Sum(x => x.Price)).Order(),
            t.GroupBy(r => r.Kind).Select(g => g.Sum(x => x.Price)).ToList().Order());
        Assert.Equal(2, ColumnsRead());
        Assert.Equal(
            (from a in rows join b in rows on a.Id equals b.Id select a.Price + b.Big).Sum(),
            (from a in t join b in t on a.Id equals b.Id select a.Price + b.Big).Sum());
        Assert.Equal(2, ColumnsRead()); // each side reads its key and the member the result takes from it

        // Compared, hashed, returned or handed to a method: every member.
        Assert.Equal(rows.Distinct().Count(), t.Distinct().Count());
        Assert.Equal(10, ColumnsRead());
        Assert.Equal(rows.Select(r => Describe(r)).Count(s => s.Length > 10), t.Select(r => Describe(r)).Count(s => s.Length > 10));
        Assert.Equal(10, ColumnsRead());
        Assert.Equal(rows.Where(r => r.Id < 3), t.Where(r => r.Id < 3).ToList());
        Assert.Equal(10, ColumnsRead());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadParquet_emptyFileAmongOthers_isAnEmptyPartition(bool vectorize)
    {
        var rows = FileRow.Create(1);
        using var session = Session(2, vectorize);
        var path = _folder["one-row"];
        session.Parallelize(rows, 2).WriteParquet(path);

        var read = session.ReadParquet<FileRow>(path).Select(r => new { r.Big, r.Text, T = r.Id * 2 + r.Big }).ToList();

        Assert.Equal(rows.Select(r => new { r.Big, r.Text, T = r.Id * 2 + r.Big }), read);
    }

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();

    private static string Describe(FileRow row) => row.ToString();

    private static SparkSession Session(int parallelism, bool vectorize) => SparkSession.Create(new SparkOptions
    {
        ExecutorThreads = 2, DefaultParallelism = parallelism, MaxPartitionBytes = 4096, FileOpenCostBytes = 0, Vectorize = vectorize, BatchSize = 1000,
    });

    /// <summary>A row type naming a column the files lack.</summary>
    public sealed record NoSuchColumn(int Id, string Missing);

    /// <summary>A row type reading a text column into a number.</summary>
    public sealed record TextAsNumber(int Id, int Text);

    /// <summary>A row type reading a column with nulls into a member that cannot hold null.</summary>
    public sealed record MaybeNotNull(int Id, int Maybe);

    /// <summary>One nullable member per Parquet physical type DuckDB writes.</summary>
    public sealed record Typed(
        bool? B, sbyte? I8, short? I16, int? I32, long? I64, ulong? U64, float? F32, double? F64, decimal? D9, decimal? D18, decimal? D28,
        DateOnly? Day, DateTime? At, string? Txt, Guid? Id);

    /// <summary>A one-character flag that may be missing.</summary>
    public sealed record Flagged(int Id, char? Flag);

    /// <summary>A one-character flag that must be there.</summary>
    public sealed record StrictFlag(int Id, char Flag);

    /// <summary>A row type with a member Parquet has no column type for.</summary>
    public sealed record WithSpan(TimeSpan Span);
}
