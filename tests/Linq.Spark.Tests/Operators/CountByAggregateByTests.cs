using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of CountBy and AggregateBy.</summary>
public sealed class CountByAggregateByTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void CountBy_skewedKey_countsEveryKey() =>
        AssertQuery(Rows, q => q.CountBy(x => x.Key));

    // LINQ to Objects counts into a Dictionary, so a null key throws ArgumentNullException; Linq.Spark must not answer instead.
#pragma warning disable CS8714 // null keys on purpose
    [Fact]
    public void CountBy_nullKey_throwsArgumentNullExceptionAsLinqDoes() =>
        AssertQuery(Rows, q => q.CountBy(x => x.N));

    [Fact]
    public void AggregateBy_nullKey_throwsArgumentNullExceptionAsLinqDoes() =>
        AssertQuery(Rows, q => q.AggregateBy(x => x.N, 0, (acc, x) => acc + 1));
#pragma warning restore CS8714

    [Fact]
    public void CountBy_nullableKeyWithoutNulls_countsEveryKey() =>
        AssertQuery(Rows, q => q.Where(x => x.N != null).CountBy(x => x.N!.Value));

    [Fact]
    public void CountBy_stringKeyWithComparer_countsIgnoringCase() =>
        AssertQuery(Rows, q => q.Where(x => x.Name != null).CountBy(x => x.Name!, StringComparer.OrdinalIgnoreCase).Select(p => new { Key = p.Key.ToUpperInvariant(), p.Value }));

    [Fact]
    public void CountBy_compositeKey_matchesLinq() =>
        AssertQuery(Rows, q => q.CountBy(x => new { x.Kind, Positive = x.B > 0 }));

    [Fact]
    public void CountBy_afterWhereThenOrderBy_isOrdered() =>
        AssertQuery(Rows, q => q.Where(x => x.A > 0).CountBy(x => x.Kind).OrderBy(p => p.Key));

    [Fact]
    public void AggregateBy_seedValue_sumsPerKey() =>
        AssertQuery(Rows, q => q.AggregateBy(x => x.Key, 0L, (acc, x) => acc + x.A));

    [Fact]
    public void AggregateBy_seedSelector_usesKeyInSeed() =>
        AssertQuery(Rows, q => q.AggregateBy(x => x.Kind, k => (double)k * 1000, (acc, x) => acc + x.B));

    [Fact]
    public void AggregateBy_withComparer_matchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => x.Name != null).AggregateBy(x => x.Name!, 0L, (acc, x) => acc + x.Id, StringComparer.OrdinalIgnoreCase).Select(p => new { Key = p.Key.ToLowerInvariant(), p.Value }));

    [Fact]
    public void AggregateBy_seedSelectorWithComparer_matchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => x.Name != null).AggregateBy(x => x.Name!, k => k.Length, (acc, x) => acc + x.Key, StringComparer.OrdinalIgnoreCase).Select(p => p.Value));

    [Fact]
    public void AggregateBy_maxAccumulator_matchesLinq() =>
        AssertQuery(Rows, q => q.AggregateBy(x => x.Key % 5, long.MinValue, (acc, x) => Math.Max(acc, x.A)));

    [Fact]
    public void AggregateBy_orderSensitiveAccumulator_foldsInSourceOrder() =>
        AssertQuery(Rows, q => q.AggregateBy(x => x.Kind, 0L, (acc, x) => (acc * 31 + x.Id) % 1_000_003));
}
