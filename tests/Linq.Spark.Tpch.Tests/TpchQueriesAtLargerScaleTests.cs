namespace Linq.Spark.Tpch.Tests;

/// <summary>The same comparison with DuckDB over SF 0.05 with another seed.</summary>
public sealed class TpchQueriesAtLargerScaleTests(LargerTpchFixture fixture) : IClassFixture<LargerTpchFixture>
{
    /// <summary>The query numbers 1..22.</summary>
    public static TheoryData<int> Numbers => [.. Enumerable.Range(1, TpchQueries.Count)];

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Query_LinqToObjects_at_SF_0_05_matches_DuckDB(int number)
    {
        Assert.Null(DuckDbComparison.Difference(number, fixture.Tables, fixture.DuckDb));
    }
}
