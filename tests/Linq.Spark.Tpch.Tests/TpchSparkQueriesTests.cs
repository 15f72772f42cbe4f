namespace Linq.Spark.Tpch.Tests;

/// <summary>
/// Runs every TPC-H query on Linq.Spark — SIMD kernels on and off — and as standard SQL in DuckDB over the same
/// SF 0.01 data, and compares the answers.
/// </summary>
[Collection(TpchCollection.Name)]
public sealed class TpchSparkQueriesTests(TpchFixture fixture) : IDisposable
{
    private readonly SparkSession _vectorized = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3 });
    private readonly SparkSession _rowMode = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3, Vectorize = false });

    /// <summary>The query numbers 1..22, each with vectorization on and off.</summary>
    public static TheoryData<int, bool> Cases()
    {
        var cases = new TheoryData<int, bool>();
        for (var n = 1; n <= TpchQueries.Count; n++)
        {
            cases.Add(n, true);
            cases.Add(n, false);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Query_LinqSpark_matches_DuckDB(int number, bool vectorize)
    {
        var session = vectorize ? _vectorized : _rowMode;
        Assert.Null(DuckDbComparison.Difference(number, fixture.Data.ToSpark(session), fixture.DuckDb));
    }

    [Fact]
    public void Q6_runs_as_one_vectorized_stage()
    {
        var tables = fixture.Data.ToSpark(_vectorized);
        var jobsBefore = _vectorized.CompletedJobs.Count;

        _ = TpchQueries.Q6(tables).ToList();

        var job = Assert.Single(_vectorized.CompletedJobs.Skip(jobsBefore));
        Assert.True(job.Stages.Count <= 2, $"Q6 ran {job.Stages.Count} stages");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _vectorized.Dispose();
        _rowMode.Dispose();
    }
}
