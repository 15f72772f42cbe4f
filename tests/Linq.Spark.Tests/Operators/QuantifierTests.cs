using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of Any, All and Contains.</summary>
public sealed class QuantifierTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void Any_afterTakeAndAProjectionThatThrowsOnALaterRow_stopsWhereLinqStops() =>
        AssertScalar(Rows, q => q.Take(40).Select(x => new { x.Id, Inverse = 100 / (x.Id - 30) }).Where(p => p.Inverse != 0 || p.Id < 30).Any(p => p.Id == 3));

    [Fact]
    public void FirstAndCount_afterTakeAndAProjectionThatThrowsOnALaterRow_matchLinq()
    {
        AssertScalar(Rows, q => q.Take(40).Select(x => 100 / (x.Id - 30)).First());
        AssertScalar(Rows, q => q.Take(40).Select(x => 100 / (x.Id - 30)).Count());
    }

    [Fact]
    public void Any_source_isFalseOnlyWhenEmpty() =>
        AssertScalar(Rows, q => q.Any());

    [Fact]
    public void Any_predicate_matchesLinq() =>
        AssertScalar(Rows, q => q.Any(x => x.A > 2_000_000_000L));

    [Fact]
    public void Any_predicateNeverTrue_isFalse() =>
        AssertScalar(Rows, q => q.Any(x => x.Key < 0));

    [Fact]
    public void Any_afterFilterEmptiesSource_isFalse() =>
        AssertScalar(Rows, q => q.Where(x => x.Id < 0).Any());

    [Fact]
    public void Any_afterGroupBy_matchesLinq() =>
        AssertScalar(Rows, q => q.GroupBy(x => x.Key).Any(g => g.Count() > 100));

    [Fact]
    public void All_predicate_matchesLinq() =>
        AssertScalar(Rows, q => q.All(x => x.Id < 500));

    [Fact]
    public void All_alwaysTrue_isTrueIncludingEmpty() =>
        AssertScalar(Rows, q => q.All(x => x.Id >= 0));

    [Fact]
    public void All_nullablePredicate_matchesLinq() =>
        AssertScalar(Rows, q => q.All(x => x.N != null || x.Name != null));

    [Fact]
    public void Contains_presentValue_isTrue() =>
        AssertScalar(Rows, q => q.Select(x => x.Id).Contains(14));

    [Fact]
    public void Contains_absentValue_isFalse() =>
        AssertScalar(Rows, q => q.Select(x => x.Key).Contains(-5));

    [Fact]
    public void Contains_null_findsNullString() =>
        AssertScalar(Rows, q => q.Select(x => x.Name).Contains(null));

    [Fact]
    public void Contains_record_comparesByValue() =>
        AssertScalar(Rows, q => q.Contains(new Row(1, TestData.Rows[1].Key, TestData.Rows[1].A, TestData.Rows[1].B, TestData.Rows[1].Name, TestData.Rows[1].D, TestData.Rows[1].Kind, TestData.Rows[1].N)));

    [Fact]
    public void Contains_withComparer_ignoresCase() =>
        AssertScalar(Rows, q => q.Select(x => x.Name).Contains("GAMMA", StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void Contains_afterDistinct_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.Key).Distinct().Contains(22));

    [Fact]
    public void Any_predicateThrows_throwsSameExceptionType() =>
        AssertScalar(Rows, q => q.Any(x => 10 / (x.Id - 3) > 100));

    // An order-dependent operator (SkipWhile) runs over a gathered partition; a projection below it divides by zero on
    // row 10. All, Any and Contains stop at row 5, as LINQ does, so they answer; Count reads every row and throws.
    [Fact]
    public void All_stopsAtItsCounterexample_beforeALaterRowThatThrows() =>
        AssertScalar(Rows, q => ThrowsOnRowTen(q).SkipWhile(x => x.Id < 3).All(x => x.Id < 5));

    [Fact]
    public void Any_stopsAtItsMatch_beforeALaterRowThatThrows() =>
        AssertScalar(Rows, q => ThrowsOnRowTen(q).SkipWhile(x => x.Id < 3).Any(x => x.Id == 5));

    [Fact]
    public void Contains_stopsAtTheValue_beforeALaterRowThatThrows() =>
        AssertScalar(Rows, q => ThrowsOnRowTen(q).SkipWhile(x => x.Id < 3).Select(x => x.Id).Contains(5));

    [Fact]
    public void Count_readsPastTheRows_andThrowsLikeLinq() =>
        AssertScalar(Rows, q => ThrowsOnRowTen(q).SkipWhile(x => x.Id < 3).Count());

    /// <summary>The rows in Id order through a projection whose unread member divides by zero on the row with Id 10.</summary>
    private static IQueryable<Row> ThrowsOnRowTen(IQueryable<Row> rows) =>
        rows.OrderBy(x => x.Id).Select(x => new { R = x, T = 100 / (x.Id - 10) }).Select(p => p.R);
}
