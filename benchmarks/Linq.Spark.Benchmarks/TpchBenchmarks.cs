using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using DuckDB.NET.Data;
using Linq.Spark.Tpch;
using Linq.Spark.Tpch.Tests;

namespace Linq.Spark.Benchmarks;

/// <summary>
/// All 22 TPC-H queries at SF 1 (generated data), Linq.Spark against DuckDB running the standard SQL over the same rows
/// (DECIMAL money as the specification's DDL has it; query time only). Q1, Q3 and Q6 also run on LINQ to Objects over
/// arrays (their baseline), PLINQ and, where one is short enough to write, a hand-written loop over column arrays.
/// Before anything is measured every Linq.Spark answer is compared row by row with DuckDB's; the timed methods then
/// return a checksum (Q1, Q3, Q6) or the row count, checked once more across engines.
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
        for (var number = 1; number <= TpchQueries.Count; number++)
        {
            if (DuckDbComparison.Difference(number, _spark, _duckDb) is { } difference)
            {
                throw new InvalidOperationException("Linq.Spark and DuckDB disagree on " + difference);
            }
        }

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

    [Benchmark, BenchmarkCategory("Q2")]
    public double Q2_Spark() => SparkRows(2);

    [Benchmark, BenchmarkCategory("Q2")]
    public double Q2_DuckDb() => DuckDbRows(2);

    [Benchmark, BenchmarkCategory("Q4")]
    public double Q4_Spark() => SparkRows(4);

    [Benchmark, BenchmarkCategory("Q4")]
    public double Q4_DuckDb() => DuckDbRows(4);

    [Benchmark, BenchmarkCategory("Q5")]
    public double Q5_Spark() => SparkRows(5);

    [Benchmark, BenchmarkCategory("Q5")]
    public double Q5_DuckDb() => DuckDbRows(5);

    [Benchmark, BenchmarkCategory("Q7")]
    public double Q7_Spark() => SparkRows(7);

    [Benchmark, BenchmarkCategory("Q7")]
    public double Q7_DuckDb() => DuckDbRows(7);

    [Benchmark, BenchmarkCategory("Q8")]
    public double Q8_Spark() => SparkRows(8);

    [Benchmark, BenchmarkCategory("Q8")]
    public double Q8_DuckDb() => DuckDbRows(8);

    [Benchmark, BenchmarkCategory("Q9")]
    public double Q9_Spark() => SparkRows(9);

    [Benchmark, BenchmarkCategory("Q9")]
    public double Q9_DuckDb() => DuckDbRows(9);

    [Benchmark, BenchmarkCategory("Q10")]
    public double Q10_Spark() => SparkRows(10);

    [Benchmark, BenchmarkCategory("Q10")]
    public double Q10_DuckDb() => DuckDbRows(10);

    [Benchmark, BenchmarkCategory("Q11")]
    public double Q11_Spark() => SparkRows(11);

    [Benchmark, BenchmarkCategory("Q11")]
    public double Q11_DuckDb() => DuckDbRows(11);

    [Benchmark, BenchmarkCategory("Q12")]
    public double Q12_Spark() => SparkRows(12);

    [Benchmark, BenchmarkCategory("Q12")]
    public double Q12_DuckDb() => DuckDbRows(12);

    [Benchmark, BenchmarkCategory("Q13")]
    public double Q13_Spark() => SparkRows(13);

    [Benchmark, BenchmarkCategory("Q13")]
    public double Q13_DuckDb() => DuckDbRows(13);

    [Benchmark, BenchmarkCategory("Q14")]
    public double Q14_Spark() => SparkRows(14);

    [Benchmark, BenchmarkCategory("Q14")]
    public double Q14_DuckDb() => DuckDbRows(14);

    [Benchmark, BenchmarkCategory("Q15")]
    public double Q15_Spark() => SparkRows(15);

    [Benchmark, BenchmarkCategory("Q15")]
    public double Q15_DuckDb() => DuckDbRows(15);

    [Benchmark, BenchmarkCategory("Q16")]
    public double Q16_Spark() => SparkRows(16);

    [Benchmark, BenchmarkCategory("Q16")]
    public double Q16_DuckDb() => DuckDbRows(16);

    [Benchmark, BenchmarkCategory("Q17")]
    public double Q17_Spark() => SparkRows(17);

    [Benchmark, BenchmarkCategory("Q17")]
    public double Q17_DuckDb() => DuckDbRows(17);

    [Benchmark, BenchmarkCategory("Q18")]
    public double Q18_Spark() => SparkRows(18);

    [Benchmark, BenchmarkCategory("Q18")]
    public double Q18_DuckDb() => DuckDbRows(18);

    [Benchmark, BenchmarkCategory("Q19")]
    public double Q19_Spark() => SparkRows(19);

    [Benchmark, BenchmarkCategory("Q19")]
    public double Q19_DuckDb() => DuckDbRows(19);

    [Benchmark, BenchmarkCategory("Q20")]
    public double Q20_Spark() => SparkRows(20);

    [Benchmark, BenchmarkCategory("Q20")]
    public double Q20_DuckDb() => DuckDbRows(20);

    [Benchmark, BenchmarkCategory("Q21")]
    public double Q21_Spark() => SparkRows(21);

    [Benchmark, BenchmarkCategory("Q21")]
    public double Q21_DuckDb() => DuckDbRows(21);

    [Benchmark, BenchmarkCategory("Q22")]
    public double Q22_Spark() => SparkRows(22);

    [Benchmark, BenchmarkCategory("Q22")]
    public double Q22_DuckDb() => DuckDbRows(22);

    private double SumColumn(int query, string column) => SumColumn(_duckDb, query, column);

    /// <summary>Runs query <paramref name="query"/> on Linq.Spark and counts its rows.</summary>
    private double SparkRows(int query)
    {
        var rows = 0;
        foreach (var _ in TpchQueries.ByNumber(query, _spark))
        {
            rows++;
        }

        return rows;
    }

    /// <summary>Runs query <paramref name="query"/>'s standard SQL in DuckDB and counts its rows.</summary>
    private double DuckDbRows(int query) => SumColumn(_duckDb, query, column: null);

    /// <summary>
    /// Runs TPC-H query <paramref name="query"/>'s standard SQL in DuckDB and sums one column of its answer (the checksum
    /// every engine returns), or counts its rows when <paramref name="column"/> is null.
    /// </summary>
    internal static double SumColumn(DuckDBConnection duckDb, int query, string? column)
    {
        using var command = duckDb.CreateCommand();
        command.CommandText = TpchSql.Query(query);
        using var reader = command.ExecuteReader();
        var ordinal = column is null ? -1 : reader.GetOrdinal(column);
        var total = 0.0;
        while (reader.Read())
        {
            total += ordinal < 0 ? 1 : Convert.ToDouble(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
        }

        return total;
    }
}
