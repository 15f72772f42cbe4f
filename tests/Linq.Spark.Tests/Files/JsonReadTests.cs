namespace Linq.Spark.Tests;

/// <summary>ReadJson against JSON lines files DuckDB wrote, and its errors.</summary>
public sealed class JsonReadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData(0, 1 << 20, 1)]
    [InlineData(1, 1 << 20, 2)]
    [InlineData(16, 256, 3)]
    [InlineData(1000, 1 << 20, 1)]
    [InlineData(1000, 3000, 8)]
    public void ReadJson_duckDbWrittenFile_readsEveryRowInFileOrder(int count, long maxPartitionBytes, int parallelism)
    {
        var rows = FileRow.Create(count);
        var path = _folder["rows.json"];
        DuckDbFiles.Copy(rows, path, "format json");
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, DefaultParallelism = parallelism, MaxPartitionBytes = maxPartitionBytes, FileOpenCostBytes = 0 });

        var table = session.ReadJson<FileRow>(path);

        Assert.Equal(rows, table.ToList());
        Assert.Equal(rows.Where(r => r.Flag).Sum(r => r.Price), table.Where(r => r.Flag).Sum(r => r.Price));
    }

    [Fact]
    public void ReadJson_missingPropertiesAndNulls_readAsNull_extraPropertiesAreSkipped()
    {
        var path = _folder.Write("n.jsonl", "{\"id\":1,\"name\":\"one\",\"extra\":[1,{\"a\":2}]}\n{\"ID\":2}\n\n{\"id\":3,\"name\":null}\n");
        using var session = SparkSession.Local(2);

        Assert.Equal([new CsvReadTests.Named(1, "one"), new CsvReadTests.Named(2, null), new CsvReadTests.Named(3, null)], session.ReadJson<CsvReadTests.Named>(path).ToList());
    }

    [Theory]
    [InlineData("{\"id\":1}\n[1,2]\n", "line 2 is not a JSON object")]
    [InlineData("{\"id\":1}\n{\"id\":\"two\"}\n", "line 2 property \"id\": two is not an int")]
    [InlineData("{\"id\":1}\n{\"name\":\"x\"}\n", "line 2 has no property \"Id\"")]
    [InlineData("{\"id\":1}\n{\"id\":2,\n", "line 2 is not valid JSON")]
    public void ReadJson_badLine_failsTheJobNamingFileAndLine(string text, string expected)
    {
        var path = _folder.Write("bad.jsonl", text);
        using var session = SparkSession.Local(2);

        var error = Assert.ThrowsAny<Exception>(() => session.ReadJson<CsvReadTests.Named>(path).ToList());

        var cause = CsvReadTests.FindInvalidData(error);
        Assert.Contains(path, cause.Message, StringComparison.Ordinal);
        Assert.Contains(expected, cause.Message, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();
}
