using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of First, FirstOrDefault, Last, LastOrDefault, Single, SingleOrDefault, ElementAt and ElementAtOrDefault,
/// including empty sources (InvalidOperationException, ArgumentOutOfRangeException) and predicate overloads.</summary>
public sealed class ElementTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void First_source_returnsFirstRowOrThrowsWhenEmpty() =>
        AssertScalar(Rows, q => q.First());

    [Fact]
    public void First_predicate_returnsFirstMatchAcrossPartitions() =>
        AssertScalar(Rows, q => q.First(x => x.Key == 3));

    [Fact]
    public void First_predicateNeverTrue_throwsInvalidOperation() =>
        AssertScalar(Rows, q => q.First(x => x.Key < 0));

    [Fact]
    public void First_afterOrderBy_returnsSmallest() =>
        AssertScalar(Rows, q => q.OrderBy(x => x.B).ThenBy(x => x.Id).First());

    [Fact]
    public void First_afterWhereSelect_matchesLinq() =>
        AssertScalar(Rows, q => q.Where(x => x.Id > 12).Select(x => x.Name).First());

    [Fact]
    public void FirstOrDefault_emptyOrNot_matchesLinq() =>
        AssertScalar(Rows, q => q.FirstOrDefault());

    [Fact]
    public void FirstOrDefault_predicate_returnsNullWhenNoMatch() =>
        AssertScalar(Rows, q => q.FirstOrDefault(x => x.Name == "theta"));

    [Fact]
    public void FirstOrDefault_valueTypeNoMatch_returnsZero() =>
        AssertScalar(Rows, q => q.Select(x => x.Id).FirstOrDefault(i => i > 100));

    [Fact]
    public void FirstOrDefault_defaultValue_returnsItWhenEmpty() =>
        AssertScalar(Rows, q => q.Select(x => x.Key).FirstOrDefault(-42));

    [Fact]
    public void FirstOrDefault_predicateAndDefaultValue_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.Key).FirstOrDefault(k => k > 20, -42));

    [Fact]
    public void Last_source_returnsLastRowOrThrowsWhenEmpty() =>
        AssertScalar(Rows, q => q.Last());

    [Fact]
    public void Last_predicate_returnsLastMatch() =>
        AssertScalar(Rows, q => q.Last(x => x.Kind == Kind.Beta));

    [Fact]
    public void Last_predicateNeverTrue_throwsInvalidOperation() =>
        AssertScalar(Rows, q => q.Last(x => x.Id < 0));

    [Fact]
    public void Last_afterOrderByDescending_returnsSmallest() =>
        AssertScalar(Rows, q => q.OrderByDescending(x => x.A).ThenBy(x => x.Id).Last());

    [Fact]
    public void LastOrDefault_emptyOrNot_matchesLinq() =>
        AssertScalar(Rows, q => q.LastOrDefault());

    [Fact]
    public void LastOrDefault_predicate_matchesLinq() =>
        AssertScalar(Rows, q => q.LastOrDefault(x => x.N == 4));

    [Fact]
    public void LastOrDefault_defaultValue_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.B).LastOrDefault(x => x > 100, -1.5));

    [Fact]
    public void LastOrDefault_defaultValueOnly_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.Name).LastOrDefault("none"));

    [Fact]
    public void Single_oneMatch_returnsItOrThrows() =>
        AssertScalar(Rows, q => q.Where(x => x.Id == 5).Single());

    [Fact]
    public void Single_manyElements_throwsInvalidOperation() =>
        AssertScalar(Rows, q => q.Single());

    [Fact]
    public void Single_predicateManyMatches_throwsInvalidOperation() =>
        AssertScalar(Rows, q => q.Single(x => x.Key == TestData.SkewedKey));

    [Fact]
    public void Single_predicateUniqueMatch_returnsIt() =>
        AssertScalar(Rows, q => q.Single(x => x.Id == 14));

    [Fact]
    public void SingleOrDefault_noMatch_returnsDefault() =>
        AssertScalar(Rows, q => q.SingleOrDefault(x => x.Id == -1));

    [Fact]
    public void SingleOrDefault_manyMatches_throwsInvalidOperation() =>
        AssertScalar(Rows, q => q.SingleOrDefault(x => x.Id < 2));

    [Fact]
    public void SingleOrDefault_source_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.Id).SingleOrDefault());

    [Fact]
    public void SingleOrDefault_defaultValue_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.Id).Where(i => i > 995).SingleOrDefault(-7));

    [Fact]
    public void SingleOrDefault_predicateAndDefaultValue_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.Id).SingleOrDefault(i => i == 15, -7));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(999)]
    [InlineData(1000)]
    public void ElementAt_index_returnsElementOrThrowsArgumentOutOfRange(int index) =>
        AssertScalar(Rows, q => q.ElementAt(index));

    [Fact]
    public void ElementAt_negativeIndex_throwsArgumentOutOfRange() =>
        AssertScalar(Rows, q => q.ElementAt(-1));

    [Fact]
    public void ElementAt_afterWhere_countsFilteredRows() =>
        AssertScalar(Rows, q => q.Where(x => x.Key != TestData.SkewedKey).ElementAt(6));

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(2000)]
    public void ElementAtOrDefault_index_returnsElementOrDefault(int index) =>
        AssertScalar(Rows, q => q.ElementAtOrDefault(index));

    [Fact]
    public void ElementAtOrDefault_afterOrderBy_matchesLinq() =>
        AssertScalar(Rows, q => q.OrderBy(x => x.Name).ThenBy(x => x.Id).Select(x => x.Id).ElementAtOrDefault(10));

    [Fact]
    public void ElementAt_fromEndIndex_matchesLinqOrNotSupported() =>
        AssertScalarOrNotSupported(Rows, q => q.ElementAt(^2), "ElementAt");

    [Fact]
    public void ElementAtOrDefault_fromEndIndex_matchesLinqOrNotSupported() =>
        AssertScalarOrNotSupported(Rows, q => q.ElementAtOrDefault(^20), "ElementAtOrDefault");

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(14)]
    [InlineData(999)]
    public void Last_afterSkip_isTheLastRowLeft(int skip)
    {
        AssertScalar(Rows, q => q.Skip(skip).Last());
        AssertScalar(Rows, q => q.Skip(skip).LastOrDefault());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(16)]
    public void Last_afterTake_isTheLastRowTaken(int take)
    {
        AssertScalar(Rows, q => q.Take(take).Last());
        AssertScalar(Rows, q => q.Take(take).LastOrDefault(x => x.Key != 3));
        AssertScalar(Rows, q => q.Skip(1).Take(take).Last());
    }

    [Fact]
    public void Last_afterOrderByTake_isTheLastOfTheTop() =>
        AssertScalar(Rows, q => q.OrderBy(x => x.A).ThenBy(x => x.Id).Take(7).Last());

    [Fact]
    public void ElementActions_afterAProjectionThatThrowsOnOtherRows_projectOnlyTheChosenRow()
    {
        // LINQ calls Select's lambda on the element it returns only (Select(f).Last() calls f once).
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 12)).ElementAt(3));
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 12)).ElementAtOrDefault(5000));
        AssertScalar(Rows, q => q.Select(x => new { x.Id, T = 100 / (x.Id - 12) }).Select(p => p.Id).Last());
        AssertScalar(Rows, q => q.Where(x => x.Key != 3).Select(x => 100 / (x.Id - 12)).LastOrDefault());
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 2)).FirstOrDefault(-1));
    }

    [Fact]
    public void ElementAt_ofTheRowWhoseProjectionThrows_throwsAsLinq() =>
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 12)).ElementAt(12));
}
