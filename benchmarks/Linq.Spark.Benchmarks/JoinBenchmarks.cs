using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using DuckDB.NET.Data;

namespace Linq.Spark.Benchmarks;

/// <summary>
/// A join of 10,000,000 fact rows with 100,000 dimension rows on an int key, summed: Linq.Spark with the dimension
/// broadcast and with both sides shuffled, against LINQ, PLINQ, a hand-written lookup loop and DuckDB.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JoinBenchmarks : IDisposable
{
    private List<Fact> _facts = null!;
    private List<Dim> _dims = null!;
    private SparkSession _spark = null!;
    private SparkSession _noBroadcast = null!;
    private IQueryable<Fact> _factQuery = null!;
    private IQueryable<Dim> _dimQuery = null!;
    private IQueryable<Fact> _factShuffled = null!;
    private IQueryable<Dim> _dimShuffled = null!;
    private DuckDBConnection _duckDb = null!;

    /// <summary>Fact rows (10,000,000 for the record).</summary>
    public int RowCount { get; set; } = 10_000_000;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        const int dimensions = 100_000;
        _dims = [.. Enumerable.Range(0, dimensions).Select(i => new Dim(i, random.NextDouble()))];
        _facts = [.. Enumerable.Range(0, RowCount).Select(_ => new Fact(random.Next(dimensions), random.Next(1000)))];
        _spark = BenchmarkSessions.Local();
        _noBroadcast = BenchmarkSessions.Local(broadcastJoins: false);
        _factQuery = _spark.Parallelize(_facts);
        _dimQuery = _spark.Parallelize(_dims);
        _factShuffled = _noBroadcast.Parallelize(_facts);
        _dimShuffled = _noBroadcast.Parallelize(_dims);
        _duckDb = new DuckDBConnection("DataSource=:memory:");
        _duckDb.Open();
        Execute("CREATE TABLE fact (key INTEGER, a BIGINT)");
        Execute("CREATE TABLE dim (key INTEGER, v DOUBLE)");
        using (var appender = _duckDb.CreateAppender("fact"))
        {
            foreach (var fact in _facts)
            {
                appender.CreateRow().AppendValue(fact.Key).AppendValue(fact.A).EndRow();
            }
        }

        using (var appender = _duckDb.CreateAppender("dim"))
        {
            foreach (var dim in _dims)
            {
                appender.CreateRow().AppendValue(dim.Key).AppendValue(dim.V).EndRow();
            }
        }

        AnswerCheck.Verify(this);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _spark?.Dispose();
        _noBroadcast?.Dispose();
        _duckDb?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Join")]
    public double Join_Linq() => _facts.Join(_dims, f => f.Key, d => d.Key, (f, d) => f.A * d.V).Sum();

    [Benchmark, BenchmarkCategory("Join")]
    public double Join_Plinq() => _facts.AsParallel().Join(_dims.AsParallel(), f => f.Key, d => d.Key, (f, d) => f.A * d.V).Sum();

    [Benchmark, BenchmarkCategory("Join")]
    public double Join_Spark() => _factQuery.Join(_dimQuery.Broadcast(), f => f.Key, d => d.Key, (f, d) => f.A * d.V).Sum();

    [Benchmark, BenchmarkCategory("Join")]
    public double Join_SparkShuffle() => _factShuffled.Join(_dimShuffled, f => f.Key, d => d.Key, (f, d) => f.A * d.V).Sum();

    [Benchmark, BenchmarkCategory("Join")]
    public double Join_Simd()
    {
        var value = new double[_dims.Count];
        foreach (var dim in _dims)
        {
            value[dim.Key] = dim.V;
        }

        var keys = _facts;
        var partials = new double[Environment.ProcessorCount];
        Parallel.For(0, partials.Length, p =>
        {
            var from = (int)((long)keys.Count * p / partials.Length);
            var to = (int)((long)keys.Count * (p + 1) / partials.Length);
            var sum = 0.0;
            for (var i = from; i < to; i++)
            {
                sum += keys[i].A * value[keys[i].Key];
            }

            partials[p] = sum;
        });
        return partials.Sum();
    }

    [Benchmark, BenchmarkCategory("Join")]
    public double Join_DuckDb()
    {
        using var command = _duckDb.CreateCommand();
        command.CommandText = "SELECT SUM(f.a * d.v) FROM fact f JOIN dim d ON f.key = d.key";
        return Convert.ToDouble(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var command = _duckDb.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A fact row: a dimension key and an amount.</summary>
    public sealed record Fact(int Key, long A);

    /// <summary>A dimension row: its key and a value.</summary>
    public sealed record Dim(int Key, double V);
}
