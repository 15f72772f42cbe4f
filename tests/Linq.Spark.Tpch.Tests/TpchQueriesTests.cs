using System.Collections;

namespace Linq.Spark.Tpch.Tests;

/// <summary>Runs every TPC-H query in LINQ to Objects and as standard SQL in DuckDB over the same SF 0.01 data, and compares the answers.</summary>
[Collection(TpchCollection.Name)]
public sealed class TpchQueriesTests(TpchFixture fixture)
{
    /// <summary>The query numbers 1..22.</summary>
    public static TheoryData<int> Numbers => [.. Enumerable.Range(1, TpchQueries.Count)];

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Query_LinqToObjects_matches_DuckDB(int number)
    {
        Assert.Null(DuckDbComparison.Difference(number, fixture.Tables, fixture.DuckDb));
    }

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Query_at_SF_0_01_has_a_non_empty_answer(int number)
    {
        var rows = QueryResult.FromRecords((IEnumerable)TpchQueries.ByNumber(number, fixture.Tables));

        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.DoesNotContain(row, v => v is double d && (double.IsNaN(d) || d == 0)));
    }

    [Fact]
    public void ByNumber_outside_1_to_22_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TpchQueries.ByNumber(0, fixture.Tables));
        Assert.Throws<ArgumentOutOfRangeException>(() => TpchQueries.ByNumber(23, fixture.Tables));
    }
}
