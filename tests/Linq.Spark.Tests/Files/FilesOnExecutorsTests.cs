namespace Linq.Spark.Tests;

/// <summary>
/// File sources on a cluster's executors (<see cref="InProcessExecutors"/>): each executor opens the files itself from
/// how the driver opened them, so a job's payload carries no rows; answers equal LINQ's, with filters pushed into
/// the scan, and files that changed after the driver planned the scan fail the job, naming the path.
/// </summary>
public sealed class FilesOnExecutorsTests : IDisposable
{
    private const int Rows = 20_000;
    private readonly TempFolder _folder = new();
    private readonly List<FileRow> _rows = FileRow.Create(Rows);

    /// <summary>The files of each format, written by a local session, three files each.</summary>
    private string Write(string format)
    {
        var path = _folder[format];
        using var local = SparkSession.Local(2);
        var rows = local.Parallelize(_rows, 3);
        switch (format)
        {
            case "parquet":
                rows.WriteParquet(path);
                break;
            case "csv":
                rows.WriteCsv(path);
                break;
            default:
                rows.WriteJson(path);
                break;
        }

        return path;
    }

    private static IQueryable<FileRow> Read(SparkSession session, string format, string path) => format switch
    {
        "parquet" => session.ReadParquet<FileRow>(path),
        "csv" => session.ReadCsv<FileRow>(path),
        _ => session.ReadJson<FileRow>(path),
    };

    [Theory]
    [InlineData("parquet")]
    [InlineData("csv")]
    [InlineData("json")]
    public void FileScan_onExecutors_answersAsLinqAndShipsNoRows(string format)
    {
        var path = Write(format);
        var executors = new InProcessExecutors();
        using var session = InProcessExecutors.Session(new SparkOptions { MaxPartitionBytes = 64 * 1024 }, executors);
        var table = Read(session, format, path);

        Assert.Equal(_rows, table.ToList());
        Assert.Equal(_rows.Where(r => r.Maybe > 0).Sum(r => r.Price), table.Where(r => r.Maybe > 0).Sum(r => r.Price));
        Assert.Equal(
            _rows.GroupBy(r => r.Kind).Select(g => (g.Key, g.Count(), g.Sum(r => r.Big))).OrderBy(g => g.Key),
            table.GroupBy(r => r.Kind).Select(g => new { g.Key, Count = g.Count(), Big = g.Sum(r => r.Big) }).ToList().Select(g => (g.Key, g.Count, g.Big)).OrderBy(g => g.Key));

        // The files hold megabytes; a payload that carried their rows would be as large.
        var largest = executors.PayloadBytes.Max();
        Assert.True(largest < 32 * 1024, $"A job payload of {largest} bytes for a scan of {Directory.GetFiles(path).Sum(f => new FileInfo(f).Length)} bytes of files.");
    }

    [Fact]
    public void ParquetScan_onExecutors_withPushedFilters_answersAsLinq()
    {
        var path = Write("parquet");
        using var session = InProcessExecutors.Session(new SparkOptions(), new InProcessExecutors());
        var table = session.ReadParquet<FileRow>(path);

        var ids = table.Where(r => r.Id < 100).Select(r => r.Id).ToList();
        var plan = table.Where(r => r.Id < 100).Select(r => r.Id).Explain();

        Assert.Equal(Enumerable.Range(0, 100), ids);
        Assert.Contains("PushedFilters", plan);
    }

    [Fact]
    public void FileScan_filesChangedAfterPlanning_failsNamingThePath()
    {
        var path = Write("parquet");
        using var session = InProcessExecutors.Session(new SparkOptions { MaxTaskFailures = 1 }, new InProcessExecutors());
        var table = session.ReadParquet<FileRow>(path);
        using (var local = SparkSession.Local(2))
        {
            local.Parallelize(_rows.Take(500).ToList(), 2).WriteParquet(path, WriteMode.Overwrite);
        }

        var error = Assert.ThrowsAny<Exception>(() => table.Count());

        Assert.Contains("other Parquet files", error.ToString());
        Assert.Contains(Path.GetFullPath(path), error.ToString());
    }

    [Fact]
    public void FileScan_filesGoneFromTheExecutors_failsNamingThePath()
    {
        var path = Write("csv");
        using var session = InProcessExecutors.Session(new SparkOptions { MaxTaskFailures = 1 }, new InProcessExecutors());
        var table = session.ReadCsv<FileRow>(path);
        Directory.Delete(path, recursive: true);

        var error = Assert.ThrowsAny<Exception>(() => table.Count());

        Assert.Contains("cannot open the Csv files", error.ToString());
        Assert.Contains("same files on every worker", error.ToString());
    }

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();
}
