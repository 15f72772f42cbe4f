using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Linq.Spark.Benchmarks;

/// <summary>
/// Per-query overhead: Where + Sum over 1,000 rows with a captured limit, warm (plan cache and kernel cache hit):
/// Linq.Spark's fixed cost per job against LINQ and PLINQ.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SmallQueryBenchmarks : IDisposable
{
    private List<MicroRow> _rows = null!;
    private SparkSession _spark = null!;
    private IQueryable<MicroRow> _query = null!;
    private long _limit = 500;

    /// <summary>Ignored: the small-query suite always has 1,000 rows.</summary>
    public int RowCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _rows = [.. Enumerable.Range(0, 1000).Select(i => new MicroRow(i % 10, random.Next(1000), random.NextDouble(), new DateOnly(2020, 1, 1)))];
        _spark = SparkSession.Local();
        _query = _spark.Parallelize(_rows);
        AnswerCheck.Verify(this);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _spark?.Dispose();
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
}
