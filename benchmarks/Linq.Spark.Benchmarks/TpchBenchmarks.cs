using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using DuckDB.NET.Data;
using Linq.Spark.Tpch;
using Linq.Spark.Tpch.Tests;

namespace Linq.Spark.Benchmarks;

/// <summary>
/// TPC-H Q1, Q3 and Q6 at SF 1 (generated data): Linq.Spark, LINQ to Objects over arrays (the baseline), PLINQ, a
/// hand-written loop over column arrays where one is short enough to write, and DuckDB running the standard SQL over
/// the same rows (query time only). Each method returns a checksum of its answer, checked before measuring.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TpchBenchmarks : IDisposable
{
    private TpchData _data = null!;
    private TpchTables _linq = null!;
    private TpchTables _spark = null!;
    private SparkSession _session = null!;
    private DuckDBConnection _duckDb = null!;
    private LineItemColumns _columns = null!;

    /// <summary>The TPC-H scale factor (1 for the record).</summary>
    public double ScaleFactor { get; set; } = 1;

    /// <summary>Quick mode's --rows, mapped to a scale factor (6,000,000 lineitem rows per unit).</summary>
    public int RowCount
    {
        get => (int)(ScaleFactor * 6_000_000);
        set => ScaleFactor = Math.Max(0.01, value / 10_000_000.0);
    }

    [GlobalSetup]
    public void Setup()
    {
        _data = new TpchGenerator(ScaleFactor).Generate();
        _linq = _data.ToQueryable();
        _session = BenchmarkSessions.Local();
        _spark = _data.ToSpark(_session);
        _duckDb = DuckDbTpch.Open(_data);
        _columns = new LineItemColumns(_data.LineItem);
        AnswerCheck.Verify(this);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _session?.Dispose();
        _duckDb?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Q1")]
    public double Q1_Linq() => TpchQueries.Q1(_linq).AsEnumerable().Sum(r => r.SumCharge);

    [Benchmark, BenchmarkCategory("Q1")]
    public double Q1_Plinq() => PlinqQueries.Q1(_data).Sum(r => r.SumCharge);

    [Benchmark, BenchmarkCategory("Q1")]
    public double Q1_Spark() => TpchQueries.Q1(_spark).AsEnumerable().Sum(r => r.SumCharge);

    [Benchmark, BenchmarkCategory("Q1")]
    public double Q1_Simd() => HandLoops.Q1(_columns);

    [Benchmark, BenchmarkCategory("Q1")]
    public double Q1_DuckDb() => SumColumn(1, "sum_charge");

    [Benchmark(Baseline = true), BenchmarkCategory("Q3")]
    public double Q3_Linq() => TpchQueries.Q3(_linq).AsEnumerable().Sum(r => r.Revenue);

    [Benchmark, BenchmarkCategory("Q3")]
    public double Q3_Plinq() => PlinqQueries.Q3(_data);

    [Benchmark, BenchmarkCategory("Q3")]
    public double Q3_Spark() => TpchQueries.Q3(_spark).AsEnumerable().Sum(r => r.Revenue);

    [Benchmark, BenchmarkCategory("Q3")]
    public double Q3_DuckDb() => SumColumn(3, "revenue");

    [Benchmark(Baseline = true), BenchmarkCategory("Q6")]
    public double Q6_Linq() => TpchQueries.Q6(_linq).AsEnumerable().Sum(r => r.Revenue);

    [Benchmark, BenchmarkCategory("Q6")]
    public double Q6_Plinq() => PlinqQueries.Q6(_data);

    [Benchmark, BenchmarkCategory("Q6")]
    public double Q6_Spark() => TpchQueries.Q6(_spark).AsEnumerable().Sum(r => r.Revenue);

    [Benchmark, BenchmarkCategory("Q6")]
    public double Q6_Simd() => HandLoops.Q6(_columns);

    [Benchmark, BenchmarkCategory("Q6")]
    public double Q6_DuckDb() => SumColumn(6, "revenue");

    private double SumColumn(int query, string column) => SumColumn(_duckDb, query, column);

    /// <summary>Runs TPC-H query <paramref name="query"/>'s standard SQL in DuckDB and sums one column of its answer (the checksum every engine returns).</summary>
    internal static double SumColumn(DuckDBConnection duckDb, int query, string column)
    {
        using var command = duckDb.CreateCommand();
        command.CommandText = TpchSql.Query(query);
        using var reader = command.ExecuteReader();
        var ordinal = reader.GetOrdinal(column);
        var total = 0.0;
        while (reader.Read())
        {
            total += Convert.ToDouble(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
        }

        return total;
    }
}
