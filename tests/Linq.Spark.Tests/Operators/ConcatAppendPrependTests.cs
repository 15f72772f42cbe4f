using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of Concat, Append and Prepend.</summary>
public sealed class ConcatAppendPrependTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void Concat_withItself_keepsBothInOrder() =>
        AssertQuery(Rows, q => q.Concat(q));

    [Fact]
    public void Concat_filteredSides_matchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => x.Key < 5).Concat(q.Where(x => x.Key >= 15)).Select(x => x.Id));

    [Fact]
    public void Concat_twoSessionSources_keepsLeftThenRight() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.Concat(r));

    [Fact]
    public void Concat_inMemoryCollection_appendsIt()
    {
        var extra = TestData.OtherRows.Take(7).ToList();
        AssertQuery(Rows, q => q.Concat(extra));
    }

    [Fact]
    public void Concat_emptyInMemoryCollection_returnsSource()
    {
        var none = new List<Row>();
        AssertQuery(Rows, q => q.Concat(none).Select(x => x.Key));
    }

    [Fact]
    public void Concat_thenTake_takesAcrossTheBoundary() =>
        AssertQuery(Rows, q => q.Where(x => x.Id < 3).Concat(q.Where(x => x.Id >= 3)).Take(5));

    [Fact]
    public void Concat_threeWay_matchesLinq() =>
        AssertQuery(Rows, q => q.Select(x => x.Id).Concat(q.Select(x => x.Key)).Concat(q.Select(x => -x.Id)));

    [Fact]
    public void Append_value_addsAtEnd() =>
        AssertQuery(Rows, q => q.Select(x => x.Id).Append(-1));

    [Fact]
    public void Prepend_value_addsAtStart() =>
        AssertQuery(Rows, q => q.Select(x => x.Name).Prepend("first"));

    [Fact]
    public void AppendPrepend_combined_matchesLinq() =>
        AssertQuery(Rows, q => q.Select(x => x.Key).Prepend(-2).Append(-3).Prepend(-1).Append(-4));

    [Fact]
    public void Append_thenWhere_filtersTheAppendedValue() =>
        AssertQuery(Rows, q => q.Select(x => x.Key).Append(1000).Append(-1000).Where(k => k > 0));

    [Fact]
    public void Concat_afterShuffle_containsBothSides() =>
        AssertQuery(Rows, q => q.Select(x => x.Key).Distinct().Concat(q.Select(x => x.Key + 100)));

    [Fact]
    public void ActionsAnsweredByTheAddedElement_neverReadTheSource()
    {
        // LINQ answers these from the prepended or appended element without reading the sequence beneath it, so the
        // projection's error for Id 7 is never raised; the same actions one step further read it, and raise it.
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).OrderBy(v => v).Append(5).Prepend(-5).First());
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).Prepend(-5).FirstOrDefault());
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).Prepend(-5).ElementAt(0));
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).Distinct().Prepend(-5).Any());
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).Append(5).Prepend(-5).First());
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).OrderBy(v => v).Append(5).LastOrDefault());
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).OrderBy(v => v).Prepend(-5).ElementAt(1));
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).OrderBy(v => v).Append(5).First());
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).OrderBy(v => v).Append(5).Any());
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).Append(4).Append(5).Last());
    }
}
