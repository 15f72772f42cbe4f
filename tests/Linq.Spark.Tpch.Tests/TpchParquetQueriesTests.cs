namespace Linq.Spark.Tpch.Tests;

/// <summary>
/// The SF 0.01 tables written as Parquet (one folder per table, the specification's column names) and every TPC-H
/// query run over ReadParquet scans, compared with DuckDB's standard SQL over the rows in memory and over the same
/// files; scans decode only the columns each query reads.
/// </summary>
[Collection(TpchCollection.Name)]
public sealed class TpchParquetQueriesTests : IDisposable
{
    private readonly TpchFixture _fixture;
    private readonly TempDirectory _folder = new();
    private readonly SparkSession _session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3, MaxPartitionBytes = 64 * 1024, FileOpenCostBytes = 0 });
    private readonly TpchTables _tables;

    public TpchParquetQueriesTests(TpchFixture fixture)
    {
        _fixture = fixture;
        fixture.Data.WriteParquet(_session, _folder.Path);
        _tables = _session.ReadTpchParquet(_folder.Path);
    }

    public static TheoryData<int> Numbers() => [.. Enumerable.Range(1, TpchQueries.Count)];

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Query_over_Parquet_matches_DuckDB(int number) =>
        Assert.Null(DuckDbComparison.Difference(number, _tables, _fixture.DuckDb));

    [Fact]
    public void Tables_are_complete_standard_and_readable_by_DuckDB()
    {
        Assert.True(TpchSpark.HasParquetTables(_folder.Path));
        using var duckDb = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        duckDb.Open();
        using var command = duckDb.CreateCommand();
        command.CommandText = $"select count(*), sum(l_quantity), min(l_shipdate), max(l_returnflag) from read_parquet('{_folder.Path}/lineitem/*.parquet')";
        using var reader = command.ExecuteReader();
        reader.Read();

        var rows = _fixture.Data.LineItem;
        Assert.Equal(rows.Length, Convert.ToInt64(reader.GetValue(0)));
        Assert.Equal(rows.Sum(l => l.Quantity), Convert.ToDouble(reader.GetValue(1)), 6);
        Assert.Equal(rows.Min(l => l.ShipDate), (DateOnly)reader.GetValue(2));
        Assert.Equal(rows.Max(l => l.ReturnFlag).ToString(), reader.GetValue(3));
    }

    [Fact]
    public void Q6_scan_decodes_its_four_columns_and_skips_nothing_it_needs()
    {
        var revenue = TpchQueries.Q6(_tables).Single().Revenue;
        var scans = _session.CompletedJobs[^1].Stages.SelectMany(s => s.Scans).ToList();

        Assert.Equal(TpchQueries.Q6(_fixture.Tables).Single().Revenue, revenue, 6);
        Assert.All(scans, s => Assert.Equal((4, 16), (s.ColumnsRead, s.Columns)));
        Assert.Equal(_fixture.Data.LineItem.Length, scans.Sum(s => s.RowsRead));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _folder.Dispose();
    }
}
