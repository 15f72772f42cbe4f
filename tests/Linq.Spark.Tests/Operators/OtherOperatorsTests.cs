using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>The remaining Queryable operators (Reverse, Zip, SequenceEqual, Chunk, Index, Shuffle, range and from-end overloads):
/// each must give LINQ to Objects' answer or throw NotSupportedException naming the operator — never a wrong answer.</summary>
public sealed class OtherOperatorsTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void Reverse_source_reversesOrNotSupported() =>
        AssertQueryOrNotSupported(Rows, q => q.Reverse().Select(x => x.Id), "Reverse");

    [Fact]
    public void Zip_twoProjections_pairsOrNotSupported() =>
        AssertQueryOrNotSupported(Rows, q => q.Select(x => x.Id).Zip(q.Select(x => x.Name)), "Zip");

    [Fact]
    public void Zip_resultSelector_matchesOrNotSupported() =>
        AssertQueryOrNotSupported(Rows, q => q.Zip(q.Skip(1), (a, b) => a.Id * 10_000 + b.Id), "Zip");

    [Fact]
    public void Zip_inMemorySecond_matchesOrNotSupported()
    {
        int[] second = [5, 6, 7];
        AssertQueryOrNotSupported(Rows, q => q.Select(x => x.Key).Zip(second, (a, b) => a + b), "Zip");
    }

    [Fact]
    public void Zip_threeWay_matchesOrNotSupported() =>
        AssertQueryOrNotSupported(Rows, q => q.Select(x => x.Id).Zip(q.Select(x => x.Key), q.Select(x => x.Kind)), "Zip");

    [Fact]
    public void SequenceEqual_sameQuery_matchesOrNotSupported() =>
        AssertScalarOrNotSupported(Rows, q => q.Select(x => x.Key).SequenceEqual(q.Select(x => x.Key)), "SequenceEqual");

    [Fact]
    public void SequenceEqual_inMemory_matchesOrNotSupported()
    {
        var keys = TestData.Rows.Take(16).Select(r => r.Key).ToList();
        AssertScalarOrNotSupported(Rows, q => q.Select(x => x.Key).SequenceEqual(keys), "SequenceEqual");
    }

    [Fact]
    public void Chunk_size_matchesOrNotSupported() =>
        AssertQueryOrNotSupported(Rows, q => q.Select(x => x.Id).Chunk(7), "Chunk");

    [Fact]
    public void Index_source_matchesOrNotSupported() =>
        AssertQueryOrNotSupported(Rows, q => q.Where(x => x.B > 0).Index().Select(p => new { p.Index, p.Item.Id }), "Index");

    [Fact]
    public void Shuffle_thenOrderBy_matchesOrNotSupported() =>
        AssertQueryOrNotSupported(Rows, q => q.Shuffle().OrderBy(x => x.Id), "Shuffle");

    [Fact]
    public void Shuffle_thenCount_matchesOrNotSupported() =>
        AssertScalarOrNotSupported(Rows, q => q.Shuffle().Count(), "Shuffle");

    [Fact]
    public void Take_range_matchesOrNotSupported() =>
        AssertQueryOrNotSupported(Rows, q => q.Take(3..^2).Select(x => x.Id), "Take");

    [Fact]
    public void Take_rangeFromEnd_matchesOrNotSupported() =>
        AssertQueryOrNotSupported(Rows, q => q.Take(^5..).Select(x => x.Id), "Take");

    [Fact]
    public void TakeWhile_stopsBeforeARowWhoseProjectionThrows() =>
        AssertQuery(Rows, q => q.Select(x => new { x.Id, x.Key, T = 100 / (x.Id - 12) }).TakeWhile(p => p.Id < 10).Select(p => p.Key));

    [Fact]
    public void TakeWhile_reachesARowWhoseProjectionThrows_throwsAsLinq() =>
        AssertQuery(Rows, q => q.Select(x => new { x.Id, T = 100 / (x.Id - 12) }).TakeWhile(p => p.Id < 500).Select(p => p.T));

    [Fact]
    public void Zip_stopsAtTheShorterInputBeforeAThrowingRow() =>
        AssertQuery(Rows, q => q.Take(10).Zip(q.Select(x => 100 / (x.Id - 12)), (a, t) => a.Id + t));

    [Fact]
    public void Take_beforeAShuffle_doesNotEvaluateRowsPastTheLimit() =>
        AssertQuery(Rows, q => q.Select(x => new { x.Key, T = 100 / (x.Id - 12) }).Take(5).GroupBy(p => p.Key).Select(g => new { g.Key, S = g.Sum(p => p.T) }));

    [Fact]
    public void First_afterAFilterThatThrowsOnLaterRows_returnsTheFirstMatch() =>
        AssertScalar(Rows, q => q.First(x => 100 / (x.Id - 12) > 5));

    [Fact]
    public void SkipTake_afterASortedProjectionThatThrows_projectOnlyTheRowsKept() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.Id).Select(x => new { x.Id, T = 100 / (x.Id - 12) }).Skip(20).Take(5).Select(p => p.Id));
}
