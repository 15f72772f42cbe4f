using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of SelectMany, all four overloads.</summary>
public sealed class SelectManyTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void SelectMany_arrayFromElement_flattensInSourceOrder() =>
        AssertQuery(Rows, q => q.SelectMany(x => new[] { x.Id, x.Key, -x.Id }));

    [Fact]
    public void SelectMany_variableLengthIncludingEmpty_matchesLinq() =>
        AssertQuery(Rows, q => q.SelectMany(x => Enumerable.Range(0, x.Id % 4)));

    [Fact]
    public void SelectMany_everyCollectionEmpty_returnsEmpty() =>
        AssertQuery(Rows, q => q.SelectMany(x => Enumerable.Empty<int>()));

    [Fact]
    public void SelectMany_withResultSelector_pairsParentAndChild() =>
        AssertQuery(Rows, q => q.SelectMany(x => Enumerable.Range(0, x.Key % 3), (x, i) => new { x.Id, i, x.Name }));

    [Fact]
    public void SelectMany_withIndex_usesSourceIndex() =>
        AssertQuery(Rows, q => q.SelectMany((x, i) => new[] { i, x.Id }));

    [Fact]
    public void SelectMany_withIndexAndResultSelector_matchesLinq() =>
        AssertQuery(Rows, q => q.SelectMany((x, i) => Enumerable.Repeat(i, x.Id % 3), (x, c) => x.Key * 10_000 + c));

    [Fact]
    public void SelectMany_characterOfStrings_flattensStrings() =>
        AssertQuery(Rows, q => q.Where(x => x.Name != null).SelectMany(x => x.Name!));

    [Fact]
    public void SelectMany_constantInMemoryCollection_isCrossProduct()
    {
        int[] multipliers = [1, 10, 100];
        AssertQuery(Rows, q => q.SelectMany(x => multipliers, (x, m) => x.Key * m));
    }

    [Fact]
    public void SelectMany_thenWhereAndSelect_fusesIntoOneStage() =>
        AssertQuery(Rows, q => q.SelectMany(x => new[] { x, x }).Where(x => x.B > 0).Select(x => x.Id));

    [Fact]
    public void SelectMany_nested_matchesLinq() =>
        AssertQuery(Rows, q => q.SelectMany(x => new[] { x.Key, x.Id }.SelectMany(k => new[] { k, k + 1 })));

    [Fact]
    public void SelectMany_rowsFromNewRecords_matchesLinq() =>
        AssertQuery(Rows, q => q.SelectMany(x => new[] { x, new Row(x.Id + 10_000, x.Key + 1, x.A, x.B, null, x.D, x.Kind, null) }));

    [Fact]
    public void SelectMany_collectionSelectorThrows_throwsSameExceptionType() =>
        AssertQuery(Rows, q => q.SelectMany(x => new[] { x.Id / (x.Id - 5) }));
}
