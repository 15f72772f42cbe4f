using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of DefaultIfEmpty.</summary>
public sealed class DefaultIfEmptyTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void DefaultIfEmpty_nonEmpty_returnsSource() =>
        AssertQuery(Rows, q => q.DefaultIfEmpty());

    [Fact]
    public void DefaultIfEmpty_emptyAfterFilter_returnsSingleNull() =>
        AssertQuery(Rows, q => q.Where(x => x.Id < 0).DefaultIfEmpty());

    [Fact]
    public void DefaultIfEmpty_valueTypeEmpty_returnsSingleZero() =>
        AssertQuery(Rows, q => q.Select(x => x.Key).Where(k => k > 100).DefaultIfEmpty());

    [Fact]
    public void DefaultIfEmpty_withValue_returnsValueWhenEmpty() =>
        AssertQuery(Rows, q => q.Select(x => x.Id).Where(i => i >= 10).DefaultIfEmpty(-1));

    [Fact]
    public void DefaultIfEmpty_manyEmptyPartitions_yieldsOnlyOneDefault() =>
        AssertQuery(Rows, q => q.Where(x => x.Id == 1).DefaultIfEmpty(new Row(-1, -1, -1, -1, null, default, Kind.Delta, null)));

    [Fact]
    public void DefaultIfEmpty_thenSelect_handlesNull() =>
        AssertQuery(Rows, q => q.Where(x => x.Key > 20).DefaultIfEmpty().Select(x => x == null ? -1 : x.Id));

    [Fact]
    public void DefaultIfEmpty_thenCount_isAtLeastOne() =>
        AssertScalar(Rows, q => q.Where(x => x.B > 9).DefaultIfEmpty().Count());

    [Fact]
    public void DefaultIfEmpty_afterGroupBy_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key).Where(g => g.Count() > 1000).Select(g => g.Key).DefaultIfEmpty(-5));
}
