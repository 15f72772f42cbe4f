using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of Union, UnionBy, Intersect, IntersectBy, Except and ExceptBy.</summary>
public sealed class SetOperationTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    /// <inheritdoc />
    protected override IReadOnlyList<ExecutionMode> Modes { get; } =
        [ExecutionMode.Vectorized, ExecutionMode.RowMode, ExecutionMode.NoAutoBroadcast, ExecutionMode.ShippedPlan, ExecutionMode.SpilledShuffles];

    [Fact]
    public void Union_overlappingSides_removesDuplicates() =>
        AssertQuery(Rows, q => q.Select(x => x.Key).Union(q.Select(x => x.Id % 30)));

    [Fact]
    public void Union_withItself_isDistinct() =>
        AssertQuery(Rows, q => q.Union(q));

    [Fact]
    public void Union_twoSessionSources_matchesLinq() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.Select(x => new { x.Key, x.Kind }).Union(r.Select(y => new { y.Key, y.Kind })));

    [Fact]
    public void Union_inMemorySecond_matchesLinq()
    {
        int[] extra = [-1, 3, 3, 100];
        AssertQuery(Rows, q => q.Select(x => x.Key).Union(extra));
    }

    [Fact]
    public void Union_nullableValues_keepsOneNull() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.Select(x => x.N).Union(r.Select(y => y.N)));

    [Fact]
    public void Union_withComparer_keepsFirstOccurrence() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.Select(x => x.Name).Union(r.Select(y => y.Name), StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void Union_thenOrderBy_isOrdered() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.Select(x => x.Key).Union(r.Select(y => y.Key + 1)).OrderByDescending(k => k));

    [Fact]
    public void UnionBy_keepsFirstElementPerKey() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.UnionBy(r, x => x.Key).Select(x => x.Id));

    [Fact]
    public void UnionBy_withComparer_matchesLinq() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.UnionBy(r, x => x.Name, StringComparer.OrdinalIgnoreCase).Select(x => new { x.Id, x.Name }));

    [Fact]
    public void Intersect_twoSessionSources_keepsCommonDistinctValues() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.Select(x => x.A % 50).Intersect(r.Select(y => y.A % 50)));

    [Fact]
    public void Intersect_disjoint_returnsEmpty() =>
        AssertQuery(Rows, q => q.Select(x => x.Id).Intersect(q.Select(x => -x.Id - 1)));

    [Fact]
    public void Intersect_withComparer_matchesLinq() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.Select(x => x.Name).Intersect(r.Select(y => y.Name == null ? null : y.Name.ToUpperInvariant()), StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void Intersect_inMemorySecond_matchesLinq()
    {
        var wanted = new List<int?> { null, 1, 2, 99 };
        AssertQuery(Rows, q => q.Select(x => x.N).Intersect(wanted));
    }

    [Fact]
    public void IntersectBy_keepsFirstElementWhoseKeyIsInSecond() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.IntersectBy(r.Select(y => y.Key), x => x.Key).Select(x => x.Id));

    [Fact]
    public void IntersectBy_withComparer_matchesLinq() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.IntersectBy(r.Select(y => y.Name), x => x.Name, StringComparer.OrdinalIgnoreCase).Select(x => x.Id));

    [Fact]
    public void Except_removesSecondAndDuplicates() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.Select(x => x.Key).Except(r.Select(y => y.Key % 10)));

    [Fact]
    public void Except_withItself_returnsEmpty() =>
        AssertQuery(Rows, q => q.Except(q));

    [Fact]
    public void Except_withComparer_matchesLinq() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.Select(x => x.Name).Except(r.Where(y => y.Id % 3 == 0).Select(y => y.Name), StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void Except_inMemorySecond_matchesLinq()
    {
        string?[] unwanted = [null, "alpha", "beta"];
        AssertQuery(Rows, q => q.Select(x => x.Name).Except(unwanted));
    }

    [Fact]
    public void ExceptBy_keepsFirstElementPerKeyNotInSecond() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.ExceptBy(r.Where(y => y.Key > 10).Select(y => y.Key), x => x.Key).Select(x => x.Id));

    [Fact]
    public void ExceptBy_withComparer_matchesLinq() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.ExceptBy(r.Where(y => y.Id % 2 == 0).Select(y => y.Name), x => x.Name, StringComparer.OrdinalIgnoreCase).Select(x => x.Id));

    [Fact]
    public void SetOperations_chained_matchLinq() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.Select(x => x.Key).Union(r.Select(y => y.Key + 20)).Except(l.Select(x => x.Id % 3)).Intersect(r.Select(y => y.Key)));

    [Fact]
    public void SetOperationsThatStopEarly_neverRaiseAnErrorLinqDoesNotReach()
    {
        // LINQ's set operators stream their first input (Intersect and Except after reading the second whole), so an
        // action that stops early never projects the row with Id 7; the hash-partitioned plan reads every row and
        // fails, and the query runs again reading its set operations in order. Actions that read on raise the error.
        // (The actions do not depend on the set operation's output order, which a partitioned plan does not keep.)
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).Distinct().Any());
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).Distinct().Contains(-20));
        AssertScalar(Rows, q => q.Select(x => new { x.Key, V = 100 / (x.Id - 7) }).DistinctBy(p => p.Key).Any());
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).Union(q.Select(x => x.Key)).Any(v => v < -15));
        AssertScalar(Rows, q => q.Select(x => new Row(x.Id, x.Key, x.A, x.B, x.Name, x.D, x.Kind, 100 / (x.Id - 7))).UnionBy(q, x => x.Key % 3).Any(x => x.Key % 3 == 1));
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).Except(q.Select(x => x.Key)).Any());
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).Intersect(q.Select(x => x.Key - 1)).Any());
        AssertScalar(Rows, q => q.Select(x => new { x.Id, V = 100 / (x.Id - 7) }).ExceptBy(q.Where(x => x.Id > 3).Select(x => x.Id), p => p.Id).Count());
        AssertScalar(Rows, q => q.Select(x => 100 / (x.Id - 7)).Distinct().Count());
    }
}
