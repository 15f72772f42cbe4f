using DuckDB.NET.Data;

namespace Linq.Spark.Tests;

/// <summary>WriteCsv and WriteJson: one file per partition, read back by Linq.Spark and by DuckDB; modes; atomic commit.</summary>
public sealed class WriteTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public static TheoryData<int, int> Sizes() => new() { { 0, 1 }, { 1, 2 }, { 2, 3 }, { 15, 8 }, { 16, 2 }, { 1000, 3 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void WriteCsv_rows_readBackByLinqSparkAndDuckDb(int count, int partitions)
    {
        var rows = FileRow.Create(count);
        using var session = SparkSession.Local(2);
        var path = _folder["out"];

        session.Parallelize(rows, partitions).WriteCsv(path);

        Assert.Equal(partitions, Directory.GetFiles(path, "part-*.csv").Length);
        Assert.True(File.Exists(Path.Combine(path, "_SUCCESS")));
        Assert.False(Directory.Exists(Path.Combine(path, "_temporary")));
        Assert.Equal(rows, session.ReadCsv<FileRow>(path).ToList());
        if (count > 0)
        {
            // DuckDB needs rows to infer the columns' types from; by default it reads a quoted "" as null, though it
            // writes empty strings that way itself (as does WriteCsv, which writes null as an empty field).
            Assert.Equal(Totals(rows), DuckDbTotals($"read_csv('{path}/*.csv', header = true, allow_quoted_nulls = false)"));
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void WriteJson_rows_readBackByLinqSparkAndDuckDb(int count, int partitions)
    {
        var rows = FileRow.Create(count);
        using var session = SparkSession.Local(2);
        var path = _folder["out"];

        session.Parallelize(rows, partitions).Where(r => r.Id >= 0).WriteJson(path);

        Assert.Equal(rows, session.ReadJson<FileRow>(path).ToList());
        if (count > 0)
        {
            Assert.Equal(Totals(rows), DuckDbTotals($"read_json('{path}/*.json', format = 'newline_delimited')"));
        }
    }

    [Fact]
    public void WriteCsv_shippedPlan_writesTheSameFiles()
    {
        var rows = FileRow.Create(200);
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, RoundTripPlans = true, EncodeShuffleBlocks = true, BatchSize = 13 });
        session.RegisterAssembly(typeof(FileRow).Assembly);
        var path = _folder["shipped"];

        session.Parallelize(rows, 3).Where(r => r.Flag || r.Maybe != null).WriteCsv(path, options: new CsvWriteOptions { Delimiter = ';' });

        var expected = rows.Where(r => r.Flag || r.Maybe != null).ToList();
        Assert.Equal(expected, session.ReadCsv<FileRow>(path, new CsvReadOptions { Delimiter = ';' }).ToList());
    }

    [Fact]
    public void Write_modes_behaveAsSparkSaveModes()
    {
        using var session = SparkSession.Local(2);
        var path = _folder["out"];
        var first = session.Parallelize(FileRow.Create(10), 2);
        var second = session.Parallelize(FileRow.Create(30), 3);
        first.WriteCsv(path);
        var jobs = session.CompletedJobs.Count;

        var exists = Assert.Throws<IOException>(() => second.WriteCsv(path));
        second.WriteCsv(path, WriteMode.Ignore);
        Assert.Equal(jobs, session.CompletedJobs.Count);
        Assert.Equal(10, session.ReadCsv<FileRow>(path).Count());

        second.WriteCsv(path, WriteMode.Append);
        Assert.Equal(40, session.ReadCsv<FileRow>(path).Count());

        second.WriteCsv(path, WriteMode.Overwrite);
        Assert.Equal(FileRow.Create(30), session.ReadCsv<FileRow>(path).ToList());
        Assert.Contains("already exists", exists.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_failingLambda_leavesTheDestinationAsItWas()
    {
        using var session = SparkSession.Local(2);
        var fresh = _folder["fresh"];
        var existing = _folder["existing"];
        session.Parallelize(FileRow.Create(5), 1).WriteCsv(existing);
        var before = Directory.GetFiles(existing).Order().Select(File.ReadAllText).ToList();
        var failing = session.Parallelize(FileRow.Create(100), 4).Where(r => 1000 / (r.Id - 77) > -100_000);

        Assert.ThrowsAny<Exception>(() => failing.WriteCsv(fresh));
        Assert.ThrowsAny<Exception>(() => failing.WriteCsv(existing, WriteMode.Overwrite));

        Assert.False(Directory.Exists(fresh));
        Assert.Equal(before, Directory.GetFiles(existing).Order().Select(File.ReadAllText).ToList());
        Assert.False(Directory.Exists(Path.Combine(existing, "_temporary")));
    }

    [Fact]
    public async Task WriteAsync_cancelled_writesNothing()
    {
        using var session = SparkSession.Local(2);
        var path = _folder["cancelled"];
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.Parallelize(FileRow.Create(100), 2).WriteJsonAsync(path, cancellationToken: cancel.Token));

        Assert.False(Directory.Exists(path));
    }

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void PartitionBy_writeParquet_putsRowsInKeyValueFolders_withoutTheFoldersMembers(int partitions)
    {
        var rows = FileRow.Create(200);
        using var session = SparkSession.Local(2);
        var path = _folder["by-kind"];

        session.Parallelize(rows, partitions).PartitionBy(r => r.Kind).WriteParquet(path);

        var folders = Directory.GetDirectories(path).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["Kind=Alpha", "Kind=Beta", "Kind=Delta", "Kind=Gamma"], folders);
        Assert.Equal(partitions, Directory.GetFiles(Path.Combine(path, "Kind=Beta"), "part-*.parquet").Length);
        Assert.True(File.Exists(Path.Combine(path, "_SUCCESS")));
        Assert.False(Directory.Exists(Path.Combine(path, "_temporary")));
        var read = session.ReadParquet<FileRow>(path);
        Assert.Equal(rows, read.OrderBy(r => r.Id).ToList());
        var beta = Kind.Beta;
        Assert.Equal(rows.Count(r => r.Kind == beta), read.Where(r => r.Kind == beta).Count());
        var scan = Assert.Single(session.CompletedJobs[^1].Stages.SelectMany(s => s.Scans));
        Assert.Equal(3 * partitions, scan.FilesSkipped);

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"select count(*) from (describe select * from read_parquet('{path}/Kind=Alpha/*.parquet', hive_partitioning = false)) where column_name = 'Kind'";
        Assert.Equal(0L, Convert.ToInt64(command.ExecuteScalar()));
        command.CommandText = $"select count(*) from read_parquet('{path}/*/*.parquet', hive_partitioning = true) where Kind = 'Gamma'";
        Assert.Equal(rows.Count(r => r.Kind == Kind.Gamma), Convert.ToInt64(command.ExecuteScalar()));
    }

    [Fact]
    public void PartitionBy_twoMembersWithNulls_writeCsv_nestsFoldersAndReadsBack()
    {
        var rows = FileRow.Create(120);
        using var session = SparkSession.Local(2);
        var path = _folder["nested"];

        session.Parallelize(rows, 2).PartitionBy(r => new { r.Flag, r.Maybe }).WriteCsv(path);

        Assert.True(Directory.Exists(Path.Combine(path, "Flag=True", "Maybe=__HIVE_DEFAULT_PARTITION__")), string.Join(", ", Directory.GetDirectories(path, "*", SearchOption.AllDirectories)));
        Assert.True(Directory.Exists(Path.Combine(path, "Flag=False", "Maybe=-3")));
        Assert.DoesNotContain("Flag", File.ReadLines(Directory.GetFiles(Path.Combine(path, "Flag=False", "Maybe=-3"))[0]).First(), StringComparison.Ordinal);
        Assert.Equal(rows, session.ReadCsv<FileRow>(path).OrderBy(r => r.Id).ToList());
    }

    [Fact]
    public void PartitionBy_shippedPlan_writesTheSameFolders()
    {
        var rows = FileRow.Create(90);
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, RoundTripPlans = true, EncodeShuffleBlocks = true, BatchSize = 13 });
        session.RegisterAssembly(typeof(FileRow).Assembly);
        var path = _folder["shipped-by-kind"];

        session.Parallelize(rows, 3).PartitionBy(r => r.Kind).WriteJson(path);

        Assert.Equal(4, Directory.GetDirectories(path).Length);
        Assert.Equal(rows, session.ReadJson<FileRow>(path).OrderBy(r => r.Id).ToList());
    }

    [Fact]
    public void PartitionBy_misused_failsClearly()
    {
        using var session = SparkSession.Local(2);
        var table = session.Parallelize(FileRow.Create(10));

        var notWritten = Assert.Throws<NotSupportedException>(() => table.PartitionBy(r => r.Kind).ToList());
        var computed = Assert.Throws<ArgumentException>(() => table.PartitionBy(r => r.Id % 2));
        var everything = Assert.Throws<ArgumentException>(() => table.Select(r => new Pair(r.Id, r.Flag)).PartitionBy(p => new { p.Id, p.Flag }));

        Assert.Contains("WriteParquet, WriteCsv or WriteJson right after it", notWritten.Message, StringComparison.Ordinal);
        Assert.Contains("(r.Id % 2) is not one", computed.Message, StringComparison.Ordinal);
        Assert.Contains("no member of Pair", everything.Message, StringComparison.Ordinal);
    }

    /// <summary>Two members, both of which a partitioned write could take.</summary>
    public sealed record Pair(int Id, bool Flag);

    internal static (long Count, long Big, decimal Price, long Texts) Totals(IReadOnlyList<FileRow> rows) =>
        (rows.Count, rows.Sum(r => r.Big), rows.Sum(r => r.Price), rows.Count(r => r.Text != null));

    internal static (long Count, long Big, decimal Price, long Texts) DuckDbTotals(string table)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"select count(*), cast(coalesce(sum(big), 0) as bigint), coalesce(sum(cast(price as decimal(18, 2))), 0), count(text) from {table}";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)), Convert.ToDecimal(reader.GetValue(2)), Convert.ToInt64(reader.GetValue(3)));
    }
}
