using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of Take, Skip, TakeLast, SkipLast, TakeWhile and SkipWhile over ordered sources and across partition edges.</summary>
public sealed class PartitioningTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Theory]
    [InlineData(6, 19)]
    [InlineData(6, 6)]
    [InlineData(6, 5)]
    [InlineData(0, -1)]
    public void SkipPastTake_readsNothingOfTheSource_asLinqFoldsTheRange(int take, int skip)
    {
        // LINQ folds Take(n).Skip(m) with m >= n into an empty sequence before reading anything; with m < n it reads,
        // and the projection's error for Id 7 is raised on both sides.
        AssertQuery(Rows, q => q.Select(x => 100 / (x.Id - 7)).OrderBy(v => v).Take(take).Skip(skip));
        AssertQuery(Rows, q => q.Select(x => 100 / (x.Id - 7)).Take(take).Skip(2).Take(9).Skip(skip - 2));
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).Take(6).Skip(skip).Count());
    }

    [Fact]
    public void ElementActionAfterSkip_readsOnlyTheRowsItNeeds()
    {
        // Skip(3).First() reads four rows in LINQ; the row with Id 900 (in a later partition) must not raise its error.
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 900)).Skip(3).First());
        AssertScalar(Rows, q => q.Select(x => new { x.Id, T = 100 / (x.Id - 900) }).Select(p => p.Id).Skip(3).ElementAtOrDefault(2));
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 900)).Skip(3).Take(50).Any());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(500)]
    [InlineData(5000)]
    public void Take_count_takesPrefixInSourceOrder(int count) =>
        AssertQuery(Rows, q => q.Take(count));

    [Fact]
    public void Take_negative_returnsEmpty() =>
        AssertQuery(Rows, q => q.Take(-3));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(999)]
    [InlineData(5000)]
    public void Skip_count_skipsPrefix(int count) =>
        AssertQuery(Rows, q => q.Skip(count));

    [Fact]
    public void Skip_negative_returnsAll() =>
        AssertQuery(Rows, q => q.Skip(-1).Select(x => x.Id));

    [Fact]
    public void SkipTake_page_matchesLinq() =>
        AssertQuery(Rows, q => q.Skip(3).Take(9));

    [Fact]
    public void TakeSkip_chainedTwice_matchesLinq() =>
        AssertQuery(Rows, q => q.Take(900).Skip(1).Take(700).Skip(250).Select(x => x.Id));

    [Fact]
    public void Take_afterWhere_takesFirstMatches() =>
        AssertQuery(Rows, q => q.Where(x => x.Key == 3).Take(4));

    [Fact]
    public void Take_thenWhere_filtersPrefix() =>
        AssertQuery(Rows, q => q.Take(10).Where(x => x.B > 0));

    [Fact]
    public void Take_afterSelectMany_countsFlattenedItems() =>
        AssertQuery(Rows, q => q.SelectMany(x => Enumerable.Range(0, x.Id % 3)).Take(11));

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void TakeAndTakeLast_countOfZeroOrLess_neverReadTheSource(int count)
    {
        AssertQuery(Rows, q => q.Select(x => new { x.Id, Inverse = 100 / (x.Id - 7) }).Distinct().TakeLast(count));
        AssertQuery(Rows, q => q.Select(x => 100 / (x.Id - 7)).Take(count));
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).Take(count).Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(2000)]
    public void TakeLast_count_takesSuffix(int count) =>
        AssertQuery(Rows, q => q.TakeLast(count));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(2000)]
    public void SkipLast_count_dropsSuffix(int count) =>
        AssertQuery(Rows, q => q.SkipLast(count).Select(x => x.Id));

    [Fact]
    public void TakeLast_afterWhere_matchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => x.Kind == Kind.Gamma).TakeLast(3));

    [Fact]
    public void TakeWhile_predicate_stopsAtFirstFailure() =>
        AssertQuery(Rows, q => q.TakeWhile(x => x.Key != 3));

    [Fact]
    public void TakeWhile_alwaysTrue_returnsAll() =>
        AssertQuery(Rows, q => q.TakeWhile(x => x.Id >= 0).Select(x => x.Id));

    [Fact]
    public void TakeWhile_withIndex_matchesLinq() =>
        AssertQuery(Rows, q => q.TakeWhile((x, i) => i < 12 || x.Key == TestData.SkewedKey));

    [Fact]
    public void SkipWhile_predicate_startsAtFirstFailure() =>
        AssertQuery(Rows, q => q.SkipWhile(x => x.Name != null).Select(x => x.Id));

    [Fact]
    public void SkipWhile_alwaysTrue_returnsEmpty() =>
        AssertQuery(Rows, q => q.SkipWhile(x => x.Id >= 0));

    [Fact]
    public void SkipWhile_withIndex_matchesLinq() =>
        AssertQuery(Rows, q => q.SkipWhile((x, i) => i < 14 || x.B < 9));

    [Fact]
    public void TakeWhile_afterOrderBy_matchesLinq() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.B).ThenBy(x => x.Id).TakeWhile(x => x.B < -8).Select(x => x.Id));

    [Fact]
    public void Skip_afterOrderBy_skipsInSortedOrder() =>
        AssertQuery(Rows, q => q.OrderByDescending(x => x.Id).Skip(13).Select(x => x.Id));
}
