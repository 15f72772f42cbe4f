using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of Distinct and DistinctBy.</summary>
public sealed class DistinctTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void Distinct_ints_removesDuplicates() =>
        AssertQuery(Rows, q => q.Select(x => x.Key).Distinct());

    [Fact]
    public void Distinct_nullableInts_keepsOneNull() =>
        AssertQuery(Rows, q => q.Select(x => x.N).Distinct());

    [Fact]
    public void Distinct_stringsWithNullAndEmpty_matchesLinq() =>
        AssertQuery(Rows, q => q.Select(x => x.Name).Distinct());

    [Fact]
    public void Distinct_anonymousTypes_comparesByValue() =>
        AssertQuery(Rows, q => q.Select(x => new { x.Kind, x.Key }).Distinct());

    [Fact]
    public void Distinct_records_comparesByValue() =>
        AssertQuery(Rows, q => q.Concat(q.Where(x => x.Id % 2 == 0)).Distinct());

    [Fact]
    public void Distinct_doubles_matchesLinq() =>
        AssertQuery(Rows, q => q.Select(x => x.B).Distinct());

    [Fact]
    public void Distinct_withComparer_keepsFirstOccurrence() =>
        AssertQuery(Rows, q => q.Select(x => x.Name).Distinct(StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void Distinct_thenOrderBy_isOrdered() =>
        AssertQuery(Rows, q => q.Select(x => x.Key).Distinct().OrderBy(k => k));

    [Fact]
    public void Distinct_thenCount_countsDistinctValues() =>
        AssertScalar(Rows, q => q.Select(x => x.Key % 11).Distinct().Count());

    [Fact]
    public void Distinct_twice_isIdempotent() =>
        AssertQuery(Rows, q => q.Select(x => x.Kind).Distinct().Distinct());

    [Fact]
    public void DistinctBy_keepsFirstElementPerKey() =>
        AssertQuery(Rows, q => q.DistinctBy(x => x.Key));

    [Fact]
    public void DistinctBy_nullableKey_keepsFirstNullKeyRow() =>
        AssertQuery(Rows, q => q.DistinctBy(x => x.N).Select(x => new { x.N, x.Id }));

    [Fact]
    public void DistinctBy_compositeKey_matchesLinq() =>
        AssertQuery(Rows, q => q.DistinctBy(x => new { x.Kind, x.Key }).Select(x => x.Id));

    [Fact]
    public void DistinctBy_withComparer_keepsFirstElementPerKey() =>
        AssertQuery(Rows, q => q.DistinctBy(x => x.Name, StringComparer.OrdinalIgnoreCase).Select(x => new { x.Id, x.Name }));

    [Fact]
    public void DistinctBy_thenOrderBy_isOrdered() =>
        AssertQuery(Rows, q => q.DistinctBy(x => x.Key % 7).OrderBy(x => x.Id));
}
