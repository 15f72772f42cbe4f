using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of OrderBy, OrderByDescending, ThenBy, ThenByDescending, Order and OrderDescending: order, stability, top-n.</summary>
public sealed class OrderByTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void OrderBy_uniqueKey_sortsAscending() =>
        AssertQuery(Rows, q => q.OrderBy(x => -x.Id));

    [Fact]
    public void OrderBy_eightKeys_nestedKeyTupleSortsLikeLinq() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.Kind).ThenByDescending(x => x.Name).ThenBy(x => x.N).ThenBy(x => x.D)
            .ThenByDescending(x => x.Key % 3).ThenBy(x => x.B).ThenBy(x => x.A % 5).ThenByDescending(x => x.Id));

    [Fact]
    public void OrderBy_projectedAnonymousRows_sortsShuffledColumns() =>
        AssertQuery(Rows, q => q.Select(x => new { x.Name, x.N, Total = x.A + x.Key }).OrderBy(p => p.N).ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Total));

    [Fact]
    public void OrderBy_duplicateKeys_isStable() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.Key));

    [Fact]
    public void OrderByDescending_duplicateKeys_isStable() =>
        AssertQuery(Rows, q => q.OrderByDescending(x => x.Kind));

    [Fact]
    public void OrderBy_nullableKey_nullsFirst() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.N));

    [Fact]
    public void OrderByDescending_nullableKey_nullsLast() =>
        AssertQuery(Rows, q => q.OrderByDescending(x => x.N).Select(x => new { x.N, x.Id }));

    [Fact]
    public void OrderBy_stringKeyDefaultComparer_matchesLinq() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.Name).Select(x => new { x.Name, x.Id }));

    [Fact]
    public void OrderBy_stringKeyOrdinalComparer_matchesLinq() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.Name, StringComparer.Ordinal).Select(x => x.Name));

    [Fact]
    public void OrderByDescending_withComparer_matchesLinq() =>
        AssertQuery(Rows, q => q.OrderByDescending(x => x.Name, StringComparer.OrdinalIgnoreCase).Select(x => x.Id));

    [Fact]
    public void OrderBy_doubleKey_matchesLinq() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.B).Select(x => x.Id));

    [Fact]
    public void OrderBy_dateKey_matchesLinq() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.D).Select(x => new { x.D, x.Id }));

    [Fact]
    public void OrderBy_longKeyBeyondIntRange_matchesLinq() =>
        AssertQuery(Rows, q => q.OrderByDescending(x => x.A).Select(x => x.A));

    [Fact]
    public void ThenBy_breaksTies() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.Key).ThenBy(x => x.Name).Select(x => x.Id));

    [Fact]
    public void ThenByDescending_breaksTies() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.Kind).ThenByDescending(x => x.B).Select(x => new { x.Kind, x.B, x.Id }));

    [Fact]
    public void ThenBy_threeLevelsMixedDirections_matchesLinq() =>
        AssertQuery(Rows, q => q.OrderByDescending(x => x.Key).ThenBy(x => x.N).ThenByDescending(x => x.D).Select(x => x.Id));

    [Fact]
    public void ThenBy_withComparer_matchesLinq() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.Kind).ThenBy(x => x.Name, StringComparer.OrdinalIgnoreCase).Select(x => x.Id));

    [Fact]
    public void ThenByDescending_withComparer_matchesLinq() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.Key % 3).ThenByDescending(x => x.Name, StringComparer.Ordinal).Select(x => x.Id));

    [Fact]
    public void OrderBy_twice_lastWinsAndIsStableOverFirst() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.Name).OrderBy(x => x.Key).Select(x => x.Id));

    [Fact]
    public void Order_ints_sortsAscending() =>
        AssertQuery(Rows, q => q.Select(x => x.Key).Order());

    [Fact]
    public void OrderDescending_strings_matchesLinq() =>
        AssertQuery(Rows, q => q.Select(x => x.Name).OrderDescending());

    [Fact]
    public void Order_withComparer_matchesLinq() =>
        AssertQuery(Rows, q => q.Select(x => x.Name).Order(StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void OrderDescending_withComparer_matchesLinq() =>
        AssertQuery(Rows, q => q.Select(x => x.Name).OrderDescending(StringComparer.Ordinal));

    [Fact]
    public void OrderBy_thenTake_isTopNInOrder() =>
        AssertQuery(Rows, q => q.OrderByDescending(x => x.B).Take(10));

    [Fact]
    public void OrderBy_thenTakeWithTies_keepsFirstInSourceOrder() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.Key).Take(7).Select(x => x.Id));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(2000)]
    public void OrderBy_thenTake_doubleKeysWithNaNZerosAndInfinities_orderLikeComparerDefault(int count)
    {
        AssertQuery(Rows, q => q.OrderBy(x => Special(x)).Take(count).Select(x => x.Id));
        AssertQuery(Rows, q => q.OrderByDescending(x => Special(x)).Take(count).Select(x => x.Id));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    [InlineData(2000)]
    public void OrderBy_thenTake_storedColumnKeysWithNaNZerosInfinitiesAndTies_matchLinq(int count)
    {
        AssertQuery(Readings, q => q.OrderBy(r => r.Value).Take(count).Select(r => r.Id));
        AssertQuery(Readings, q => q.OrderByDescending(r => r.Value).Take(count).Select(r => r.Id));
        AssertQuery(Readings, q => q.OrderBy(r => r.Level).Take(count).Select(r => r.Id));
        AssertQuery(Readings, q => q.OrderByDescending(r => r.Total).Take(count).Select(r => r.Id));
        AssertQuery(Readings, q => q.OrderBy(r => r.Code).Take(count).Select(r => r.Id));
        AssertQuery(Readings, q => q.OrderByDescending(r => r.Small).Take(count).Select(r => r.Id));
        AssertQuery(Readings, q => q.OrderBy(r => r.Ratio).Take(count).Select(r => r.Id));
    }

    [Fact]
    public void OrderBy_thenTake_primitiveKeysOfEveryWidth_keepFirstOfTies()
    {
        AssertQuery(Rows, q => q.OrderByDescending(x => x.Key).Take(9).Select(x => x.Id));
        AssertQuery(Rows, q => q.OrderBy(x => x.A % 50).Take(12).Select(x => x.Id));
        AssertQuery(Rows, q => q.OrderByDescending(x => (float)x.B).Take(6).Select(x => x.Id));
        AssertQuery(Rows, q => q.OrderBy(x => (char)('a' + x.Key % 26)).Take(4).Select(x => x.Id));
        AssertQuery(Rows, q => q.OrderBy(x => (byte)x.Id).Take(3).Select(x => x.Id));
    }

    [Fact]
    public void OrderBy_thenTake_afterFilterAndProjection_matchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => x.Key % 3 != 0).Select(x => new { x.Id, Score = x.B - x.Key }).OrderByDescending(x => x.Score).Take(8));

    [Fact]
    public void OrderBy_thenSkipTake_isAPage() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.A).ThenBy(x => x.Id).Skip(5).Take(10));

    [Fact]
    public void OrderBy_thenWhereAndSelect_staysOrdered() =>
        AssertQuery(Rows, q => q.OrderBy(x => x.D).Where(x => x.Kind == Kind.Alpha).Select(x => new { x.D, x.Id }));

    [Fact]
    public void OrderBy_afterWhere_matchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => x.N != null).OrderBy(x => x.N).ThenByDescending(x => x.Id).Select(x => x.Id));

    [Fact]
    public void OrderBy_afterSelectMany_matchesLinq() =>
        AssertQuery(Rows, q => q.SelectMany(x => new[] { x.Key, x.Id % 7 }).OrderBy(v => v));

    [Fact]
    public void OrderBy_tupleKey_comparesItemByItem() =>
        AssertQuery(Rows, q => q.OrderBy(x => ValueTuple.Create(x.Key, x.Kind)).Select(x => x.Id));

    [Fact]
    public void OrderBy_keySelectorThrows_throwsSameExceptionType() =>
        AssertQuery(Rows, q => q.OrderBy(x => 1000 / (x.Id - 9)));

    /// <summary>B with NaN, both zeros and both infinities mixed in, and ties among them.</summary>
    private static double Special(Row row) => (row.Id % 11) switch
    {
        0 => double.NaN,
        1 => 0.0,
        2 => -0.0,
        3 => double.PositiveInfinity,
        4 => double.NegativeInfinity,
        _ => row.B,
    };

    /// <summary>1,000 readings whose values include NaN, both zeros, both infinities, and long runs of ties.</summary>
    private static IReadOnlyList<Reading> Readings { get; } = [.. Enumerable.Range(0, 1000).Select(i => new Reading(
        i,
        (i * 7919 % 13) switch
        {
            0 => double.NaN,
            1 => 0.0,
            2 => -0.0,
            3 => double.PositiveInfinity,
            4 => double.NegativeInfinity,
            5 => 42.5,
            _ => (i * 2654435761L % 1000) / 7.0,
        },
        (i * 31) % 17,
        (i * 2654435761L) % 50 - 25,
        i % 7 == 0 ? uint.MaxValue - (uint)(i % 3) : (uint)(i * 40503 % 2000),
        (ushort)(i * 7 % 300),
        i % 13 == 0 ? float.NaN : i % 17 == 0 ? -0f : (float)((i * 7919 % 100) / 3.0)))];

    /// <summary>A row with double, int, long, unsigned (some above int.MaxValue), ushort and float keys.</summary>
    public sealed record Reading(int Id, double Value, int Level, long Total, uint Code, ushort Small, float Ratio);
}
