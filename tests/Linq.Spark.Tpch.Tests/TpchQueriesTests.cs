using System.Collections;

namespace Linq.Spark.Tpch.Tests;

/// <summary>Runs every TPC-H query in LINQ to Objects and as standard SQL in DuckDB over the same SF 0.01 data, and compares the answers.</summary>
[Collection(TpchCollection.Name)]
public sealed class TpchQueriesTests(TpchFixture fixture)
{
    /// <summary>The output columns (0-based) of each query's order by, in order; empty for single-row answers.</summary>
    private static readonly Dictionary<int, int[]> OrderColumns = new()
    {
        [1] = [0, 1],
        [2] = [0, 2, 1, 3],
        [3] = [1, 2],
        [4] = [0],
        [5] = [1],
        [6] = [],
        [7] = [0, 1, 2],
        [8] = [0],
        [9] = [0, 1],
        [10] = [2],
        [11] = [1],
        [12] = [0],
        [13] = [1, 0],
        [14] = [],
        [15] = [0],
        [16] = [3, 0, 1, 2],
        [17] = [],
        [18] = [4, 3],
        [19] = [],
        [20] = [0],
        [21] = [1, 0],
        [22] = [0],
    };

    /// <summary>The query numbers 1..22.</summary>
    public static TheoryData<int> Numbers => [.. Enumerable.Range(1, TpchQueries.Count)];

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Query_LinqToObjects_matches_DuckDB(int number)
    {
        var expected = RunDuckDb(number);
        var actual = QueryResult.FromRecords((IEnumerable)TpchQueries.ByNumber(number, fixture.Tables));

        string? difference = ResultComparer.Difference(expected, actual, OrderColumns[number]);

        Assert.True(difference is null, $"Q{number}: {difference}");
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

    private List<object?[]> RunDuckDb(int number)
    {
        using var command = fixture.DuckDb.CreateCommand();
        command.CommandText = TpchSql.Query(number);
        using var reader = command.ExecuteReader();
        return QueryResult.FromReader(reader);
    }
}
