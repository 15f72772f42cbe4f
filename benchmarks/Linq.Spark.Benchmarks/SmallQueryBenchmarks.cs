using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using DuckDB.NET.Data;

namespace Linq.Spark.Benchmarks;

/// <summary>
/// Per-query overhead: Where + Sum over 1,000 rows with a captured limit, warm (plan cache and kernel cache hit):
/// Linq.Spark's fixed cost per job against LINQ, PLINQ, a plain loop and DuckDB.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SmallQueryBenchmarks : IDisposable
{
    private const long Limit = 500;
    private List<MicroRow> _rows = null!;
    private long[] _a = null!;
    private double[] _b = null!;
    private SparkSession _spark = null!;
    private IQueryable<MicroRow> _query = null!;
    private DuckDBConnection _duckDb = null!;
    private long _limit = Limit;

    /// <summary>Ignored: the small-query suite always has 1,000 rows.</summary>
    public int RowCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _rows = [.. Enumerable.Range(0, 1000).Select(i => new MicroRow(i % 10, random.Next(1000), random.NextDouble(), new DateOnly(2020, 1, 1)))];
        _a = [.. _rows.Select(r => r.A)];
        _b = [.. _rows.Select(r => r.B)];
        _spark = BenchmarkSessions.Local();
        _query = _spark.Parallelize(_rows);
        _duckDb = new DuckDBConnection("DataSource=:memory:");
        _duckDb.Open();
        using (var create = _duckDb.CreateCommand())
        {
            create.CommandText = "CREATE TABLE small (a BIGINT, b DOUBLE)";
            create.ExecuteNonQuery();
        }

        using (var appender = _duckDb.CreateAppender("small"))
        {
            foreach (var row in _rows)
            {
                appender.CreateRow().AppendValue(row.A).AppendValue(row.B).EndRow();
            }
        }

        AnswerCheck.Verify(this);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _spark?.Dispose();
        _duckDb?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("WhereSum1K")]
    public double WhereSum1K_Linq()
    {
        var limit = _limit;
        return _rows.Where(r => r.A < limit).Sum(r => r.B);
    }

    [Benchmark, BenchmarkCategory("WhereSum1K")]
    public double WhereSum1K_Plinq()
    {
        var limit = _limit;
        return _rows.AsParallel().Where(r => r.A < limit).Sum(r => r.B);
    }

    [Benchmark, BenchmarkCategory("WhereSum1K")]
    public double WhereSum1K_Spark()
    {
        var limit = _limit;
        return _query.Where(r => r.A < limit).Sum(r => r.B);
    }

    [Benchmark, BenchmarkCategory("WhereSum1K")]
    public double WhereSum1K_Simd()
    {
        var sum = 0.0;
        for (var i = 0; i < _a.Length; i++)
        {
            sum += _a[i] < _limit ? _b[i] : 0;
        }

        return sum;
    }

    [Benchmark, BenchmarkCategory("WhereSum1K")]
    public double WhereSum1K_DuckDb()
    {
        using var command = _duckDb.CreateCommand();
        command.CommandText = $"SELECT SUM(b) FROM small WHERE a < {_limit}";
        return Convert.ToDouble(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
