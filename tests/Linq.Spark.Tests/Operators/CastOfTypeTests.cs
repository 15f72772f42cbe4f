using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of Cast and OfType.</summary>
public sealed class CastOfTypeTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static readonly IReadOnlyList<object?> Mixed = TestData.Rows
        .Select(r => (r.Id % 5) switch { 0 => (object?)r.Id, 1 => r.Name, 2 => r.B, 3 => r, _ => r.N })
        .ToList();

    private static readonly IReadOnlyList<object> Boxed = TestData.Rows.Select(r => (object)r.Key).ToList();

    [Fact]
    public void OfType_int_keepsOnlyBoxedIntsInOrder() =>
        AssertQuery(Mixed, q => q.OfType<int>());

    [Fact]
    public void OfType_string_dropsNulls() =>
        AssertQuery(Mixed, q => q.OfType<string>());

    [Fact]
    public void OfType_record_keepsRows() =>
        AssertQuery(Mixed, q => q.OfType<Row>().Select(r => r.Id));

    [Fact]
    public void OfType_nullableInt_keepsBoxedInts() =>
        AssertQuery(Mixed, q => q.OfType<int?>());

    [Fact]
    public void OfType_noMatches_returnsEmpty() =>
        AssertQuery(Mixed, q => q.OfType<Guid>());

    [Fact]
    public void Cast_boxedIntsToInt_matchesLinq() =>
        AssertQuery(Boxed, q => q.Cast<int>().Where(k => k > 3));

    [Fact]
    public void Cast_rowsToObject_matchesLinq() =>
        AssertQuery(TestData.Rows, q => q.Cast<object>());

    // Nulls are left out so that every failing element raises the same exception, whichever task meets one first.
    [Fact]
    public void Cast_mixedToInt_throwsInvalidCastException() =>
        AssertQuery(Mixed.Where(o => o is not null).ToList(), q => q.Cast<int>());

    [Fact]
    public void Cast_boxedIntToLong_throwsInvalidCastException() =>
        AssertQuery(Boxed, q => q.Cast<long>());

    [Fact]
    public void Cast_thenOfTypeAfterWhere_matchesLinq() =>
        AssertQuery(Mixed, q => q.Where(o => o != null).Cast<object>().OfType<double>().Select(d => d * 2));
}
