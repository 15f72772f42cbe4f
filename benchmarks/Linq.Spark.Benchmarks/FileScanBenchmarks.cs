using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using DuckDB.NET.Data;
using Linq.Spark.Tpch;
using Linq.Spark.Tpch.Tests;

namespace Linq.Spark.Benchmarks;

/// <summary>
/// Queries that read their data from files each time they run: TPC-H Q1 and Q6 over lineitem as Parquet (written by
/// WriteParquet: LZ4, row groups of 131,072 rows, DOUBLE money as the row type holds it), Linq.Spark's ReadParquet
/// against DuckDB's read_parquet over the same files; and Q6 over the same rows as CSV, ReadCsv against DuckDB's
/// read_csv. LINQ to Objects over the rows in memory is the answer check's baseline (and is listed, though it reads
/// no file).
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FileScanBenchmarks : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "linq-spark-bench-files-" + Guid.NewGuid().ToString("N"));
    private TpchTables _linq = null!;
    private SparkSession _session = null!;
    private IQueryable<LineItem> _parquet = null!;
    private IQueryable<LineItem> _csv = null!;
    private DuckDBConnection _duckParquet = null!;
    private DuckDBConnection _duckCsv = null!;

    /// <summary>The TPC-H scale factor (1 for the record).</summary>
    public double ScaleFactor { get; set; } = 1;

    /// <summary>Quick mode's --rows, mapped to a scale factor as the TPC-H suite maps it.</summary>
    public int RowCount
    {
        get => (int)(ScaleFactor * 6_000_000);
        set => ScaleFactor = Math.Max(0.01, value / 10_000_000.0);
    }

    [GlobalSetup]
    public void Setup()
    {
        var data = new TpchGenerator(ScaleFactor).Generate();
        _linq = data.ToQueryable();
        _session = BenchmarkSessions.Local();
        var parquet = Path.Combine(_folder, "parquet");
        var csv = Path.Combine(_folder, "csv");
        _session.Parallelize(data.LineItem).WriteParquet(parquet);
        _session.Parallelize(data.LineItem).WriteCsv(csv);
        _parquet = _session.ReadParquet<LineItem>(parquet);
        _csv = _session.ReadCsv<LineItem>(csv);
        _duckParquet = OpenDuckDb($"read_parquet('{parquet}/*.parquet')");
        _duckCsv = OpenDuckDb($"read_csv('{csv}/*.csv', header = true)");
        AnswerCheck.Verify(this);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _session?.Dispose();
        _duckParquet?.Dispose();
        _duckCsv?.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Q1Parquet")]
    public double Q1Parquet_Linq() => TpchQueries.Q1(_linq).AsEnumerable().Sum(r => r.SumCharge);

    [Benchmark, BenchmarkCategory("Q1Parquet")]
    public double Q1Parquet_Spark() => TpchQueries.Q1(Tables(_parquet)).AsEnumerable().Sum(r => r.SumCharge);

    [Benchmark, BenchmarkCategory("Q1Parquet")]
    public double Q1Parquet_DuckDb() => TpchBenchmarks.SumColumn(_duckParquet, 1, "sum_charge");

    [Benchmark(Baseline = true), BenchmarkCategory("Q6Parquet")]
    public double Q6Parquet_Linq() => TpchQueries.Q6(_linq).AsEnumerable().Sum(r => r.Revenue);

    [Benchmark, BenchmarkCategory("Q6Parquet")]
    public double Q6Parquet_Spark() => TpchQueries.Q6(Tables(_parquet)).AsEnumerable().Sum(r => r.Revenue);

    [Benchmark, BenchmarkCategory("Q6Parquet")]
    public double Q6Parquet_DuckDb() => TpchBenchmarks.SumColumn(_duckParquet, 6, "revenue");

    [Benchmark(Baseline = true), BenchmarkCategory("Q6Csv")]
    public double Q6Csv_Linq() => TpchQueries.Q6(_linq).AsEnumerable().Sum(r => r.Revenue);

    [Benchmark, BenchmarkCategory("Q6Csv")]
    public double Q6Csv_Spark() => TpchQueries.Q6(Tables(_csv)).AsEnumerable().Sum(r => r.Revenue);

    [Benchmark, BenchmarkCategory("Q6Csv")]
    public double Q6Csv_DuckDb() => TpchBenchmarks.SumColumn(_duckCsv, 6, "revenue");

    /// <summary>The in-memory tables with lineitem replaced by a file scan (Q1 and Q6 read only lineitem).</summary>
    private TpchTables Tables(IQueryable<LineItem> lineItem) => _linq with { LineItem = lineItem };

    /// <summary>A DuckDB connection whose <c>lineitem</c> is a view over the files, read again by every query.</summary>
    private static DuckDBConnection OpenDuckDb(string table)
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"create view lineitem as select * from {table}";
        command.ExecuteNonQuery();
        return connection;
    }
}
