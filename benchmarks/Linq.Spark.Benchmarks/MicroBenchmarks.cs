using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Linq.Spark.Benchmarks;

/// <summary>
/// The vectorization micro suites on 10,000,000 rows: filter+sum, count at three selectivities, GroupBy with 1,000 and
/// with 1,000,000 groups. Methods are named Case_Engine; Linq (LINQ to Objects over a List) is each case's baseline.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MicroBenchmarks : IDisposable
{
    private static readonly DateOnly D0 = new(1995, 1, 1);
    private MicroData _data = null!;
    private SparkSession _spark = null!;
    private IQueryable<MicroRow> _rows = null!;

    /// <summary>Rows in the data set (10,000,000 for the record; smaller for a quick look).</summary>
    public int RowCount { get; set; } = 10_000_000;

    [GlobalSetup]
    public void Setup()
    {
        _data = new MicroData(RowCount, 1_000_000);
        _spark = BenchmarkSessions.Local();
        _rows = _spark.Parallelize(_data.Rows);
        AnswerCheck.Verify(this);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _spark?.Dispose();
        _data?.Dispose();
        GC.SuppressFinalize(this);
    }

    // 1. Where(A % 7 == 0 && D >= d0).Sum(B)
    [Benchmark(Baseline = true), BenchmarkCategory("FilterSum")]
    public double FilterSum_Linq() => _data.Rows.Where(r => r.A % 7 == 0 && r.D >= D0).Sum(r => r.B);

    [Benchmark, BenchmarkCategory("FilterSum")]
    public double FilterSum_Plinq() => _data.Rows.AsParallel().Where(r => r.A % 7 == 0 && r.D >= D0).Sum(r => r.B);

    [Benchmark, BenchmarkCategory("FilterSum")]
    public double FilterSum_Spark() => _rows.Where(r => r.A % 7 == 0 && r.D >= D0).Sum(r => r.B);

    [Benchmark, BenchmarkCategory("FilterSum")]
    public double FilterSum_Simd() => SimdLoops.FilterSum(_data.A, _data.D, _data.B, D0.DayNumber);

    [Benchmark, BenchmarkCategory("FilterSum")]
    public double FilterSum_DuckDb() => Convert.ToDouble(_data.Scalar("SELECT SUM(b) FROM rows WHERE a % 7 = 0 AND d >= DATE '1995-01-01'"));

    // 2. Where(B > x).Count() at 1%, 50% and 99% selectivity
    [Benchmark(Baseline = true), BenchmarkCategory("Count1")]
    public int Count1_Linq() => CountLinq(990);

    [Benchmark, BenchmarkCategory("Count1")]
    public int Count1_Plinq() => CountPlinq(990);

    [Benchmark, BenchmarkCategory("Count1")]
    public int Count1_Spark() => CountSpark(990);

    [Benchmark, BenchmarkCategory("Count1")]
    public int Count1_Simd() => SimdLoops.CountGreater(_data.B, 990);

    [Benchmark, BenchmarkCategory("Count1")]
    public int Count1_DuckDb() => CountDuckDb(990);

    [Benchmark(Baseline = true), BenchmarkCategory("Count50")]
    public int Count50_Linq() => CountLinq(500);

    [Benchmark, BenchmarkCategory("Count50")]
    public int Count50_Plinq() => CountPlinq(500);

    [Benchmark, BenchmarkCategory("Count50")]
    public int Count50_Spark() => CountSpark(500);

    [Benchmark, BenchmarkCategory("Count50")]
    public int Count50_Simd() => SimdLoops.CountGreater(_data.B, 500);

    [Benchmark, BenchmarkCategory("Count50")]
    public int Count50_DuckDb() => CountDuckDb(500);

    [Benchmark(Baseline = true), BenchmarkCategory("Count99")]
    public int Count99_Linq() => CountLinq(10);

    [Benchmark, BenchmarkCategory("Count99")]
    public int Count99_Plinq() => CountPlinq(10);

    [Benchmark, BenchmarkCategory("Count99")]
    public int Count99_Spark() => CountSpark(10);

    [Benchmark, BenchmarkCategory("Count99")]
    public int Count99_Simd() => SimdLoops.CountGreater(_data.B, 10);

    [Benchmark, BenchmarkCategory("Count99")]
    public int Count99_DuckDb() => CountDuckDb(10);

    // 3. GroupBy(Key % 1000) with Sum and Count
    [Benchmark(Baseline = true), BenchmarkCategory("GroupBy1K")]
    public int GroupBy1K_Linq() => _data.Rows.GroupBy(r => r.Key % 1000).Select(g => new { g.Key, S = g.Sum(x => x.A), C = g.Count() }).Count();

    [Benchmark, BenchmarkCategory("GroupBy1K")]
    public int GroupBy1K_Plinq() => _data.Rows.AsParallel().GroupBy(r => r.Key % 1000).Select(g => new { g.Key, S = g.Sum(x => x.A), C = g.Count() }).Count();

    [Benchmark, BenchmarkCategory("GroupBy1K")]
    public int GroupBy1K_Spark() => _rows.GroupBy(r => r.Key % 1000).Select(g => new { g.Key, S = g.Sum(x => x.A), C = g.Count() }).ToList().Count;

    [Benchmark, BenchmarkCategory("GroupBy1K")]
    public int GroupBy1K_Simd() => SimdLoops.GroupSumCount(_data.Key, _data.A, 1000, modulo: true);

    [Benchmark, BenchmarkCategory("GroupBy1K")]
    public int GroupBy1K_DuckDb() => (int)_data.Rowcount("SELECT key % 1000, SUM(a), COUNT(*) FROM rows GROUP BY key % 1000");

    // 4. GroupBy with 1,000,000 groups
    [Benchmark(Baseline = true), BenchmarkCategory("GroupBy1M")]
    public int GroupBy1M_Linq() => _data.Rows.GroupBy(r => r.Key).Select(g => new { g.Key, S = g.Sum(x => x.A), C = g.Count() }).Count();

    [Benchmark, BenchmarkCategory("GroupBy1M")]
    public int GroupBy1M_Plinq() => _data.Rows.AsParallel().GroupBy(r => r.Key).Select(g => new { g.Key, S = g.Sum(x => x.A), C = g.Count() }).Count();

    [Benchmark, BenchmarkCategory("GroupBy1M")]
    public int GroupBy1M_Spark() => _rows.GroupBy(r => r.Key).Select(g => new { g.Key, S = g.Sum(x => x.A), C = g.Count() }).ToList().Count;

    [Benchmark, BenchmarkCategory("GroupBy1M")]
    public int GroupBy1M_Simd() => SimdLoops.GroupSumCount(_data.Key, _data.A, 1_000_000, modulo: false);

    [Benchmark, BenchmarkCategory("GroupBy1M")]
    public int GroupBy1M_DuckDb() => (int)_data.Rowcount("SELECT key, SUM(a), COUNT(*) FROM rows GROUP BY key");

    // 5. OrderBy + Take: the ten largest B (a per-partition top-n in Linq.Spark)
    [Benchmark(Baseline = true), BenchmarkCategory("TopN")]
    public double TopN_Linq() => _data.Rows.OrderByDescending(r => r.B).Take(10).Sum(r => r.B);

    [Benchmark, BenchmarkCategory("TopN")]
    public double TopN_Plinq() => _data.Rows.AsParallel().OrderByDescending(r => r.B).Take(10).Sum(r => r.B);

    [Benchmark, BenchmarkCategory("TopN")]
    public double TopN_Spark() => _rows.OrderByDescending(r => r.B).Take(10).Sum(r => r.B);

    [Benchmark, BenchmarkCategory("TopN")]
    public double TopN_Simd() => SimdLoops.TopSum(_data.B, 10);

    [Benchmark, BenchmarkCategory("TopN")]
    public double TopN_DuckDb() => Convert.ToDouble(_data.Scalar("SELECT SUM(b) FROM (SELECT b FROM rows ORDER BY b DESC LIMIT 10)"));

    private int CountLinq(double x) => _data.Rows.Where(r => r.B > x).Count();

    private int CountPlinq(double x) => _data.Rows.AsParallel().Where(r => r.B > x).Count();

    private int CountSpark(double x) => _rows.Where(r => r.B > x).Count();

    private int CountDuckDb(double x) => Convert.ToInt32(_data.Scalar($"SELECT COUNT(*) FROM rows WHERE b > {x}"));
}
