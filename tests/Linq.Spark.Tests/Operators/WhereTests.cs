using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of Where.</summary>
public sealed class WhereTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void Where_divisibleByOddLiterals_matchesLinqForNegativeValues() =>
        AssertQuery(Rows, q => q.Where(x => x.A % 7 == 0 || x.Key % 3 != 0 && 0 == x.Id % -9).Select(x => x.Id));

    [Fact]
    public void Where_divisibilityOfWrappedLongsAndEvenDivisors_matchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => unchecked(x.A * 4611686018427387903L + long.MinValue) % 11 == 0 || x.A % 6 == 0).Select(x => x.Id));

    [Fact]
    public void Sum_afterDivisibilityFilter_matchesLinq() =>
        AssertScalar(Rows, q => q.Where(x => x.A % 5 != 0 && x.Id % 3 == 0).Sum(x => x.B));

    [Fact]
    public void Where_intComparison_keepsMatchingRowsInSourceOrder() =>
        AssertQuery(Rows, q => q.Where(x => x.Key > 10));

    [Fact]
    public void Where_noRowMatches_returnsEmpty() =>
        AssertQuery(Rows, q => q.Where(x => x.Key > 1000));

    [Fact]
    public void Where_everyRowMatches_returnsAllRows() =>
        AssertQuery(Rows, q => q.Where(x => x.Id >= 0));

    [Fact]
    public void Where_conjunctionOfColumns_matchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => x.B > -2.5 && x.A * 2 < 500 && x.Kind != Kind.Gamma));

    [Fact]
    public void Where_disjunctionWithNegation_matchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => !(x.Key == TestData.SkewedKey) || x.B >= 9.5));

    [Fact]
    public void Where_nullableIntComparison_nullNeverMatches() =>
        AssertQuery(Rows, q => q.Where(x => x.N > 0));

    [Fact]
    public void Where_nullableIsNull_keepsNullRows() =>
        AssertQuery(Rows, q => q.Where(x => x.N == null));

    [Fact]
    public void Where_hasValueAndValue_matchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => x.N.HasValue && x.N.Value % 2 == 0));

    [Fact]
    public void Where_stringNullCheckAndMethod_matchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => x.Name != null && x.Name.StartsWith("a")));

    [Fact]
    public void Where_stringEquality_matchesNullAndEmpty() =>
        AssertQuery(Rows, q => q.Where(x => x.Name == "" || x.Name == null));

    [Fact]
    public void Where_dateOnlyRange_matchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => x.D >= new DateOnly(2024, 3, 1) && x.D < new DateOnly(2024, 9, 1)));

    [Fact]
    public void Where_enumEquality_matchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => x.Kind == Kind.Beta));

    [Fact]
    public void Where_capturedVariables_matchLinq()
    {
        int lo = 3;
        double threshold = 1.25;
        AssertQuery(Rows, q => q.Where(x => x.Key >= lo && x.B < threshold));
    }

    [Fact]
    public void Where_longBeyondIntRange_matchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => x.A > int.MaxValue));

    [Fact]
    public void Where_doubleEquality_exactBinaryFractionsMatch() =>
        AssertQuery(Rows, q => q.Where(x => x.B == 0.25 || x.B == -1.75));

    [Fact]
    public void Where_chained_fusesAndMatchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => x.Key != 0).Where(x => x.A > 0).Where(x => x.Name != null));

    [Fact]
    public void Where_withIndex_usesGlobalSourceIndex() =>
        AssertQuery(Rows, q => q.Where((x, i) => i % 3 == 0));

    [Fact]
    public void Where_withIndexAfterFilter_indexCountsFilteredRows() =>
        AssertQuery(Rows, q => q.Where(x => x.Key == TestData.SkewedKey).Where((x, i) => i < 5 || i % 50 == 0));

    [Fact]
    public void Where_callsUserMethod_rowModeMatchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => IsInteresting(x)));

    [Fact]
    public void Where_predicateThrowsOnSomeRow_throwsTheSameExceptionType() =>
        AssertQuery(Rows, q => q.Where(x => 100 / (x.Id - 10) > 1));

    [Fact]
    public void Where_onPrimitiveInts_matchesLinq() =>
        AssertQuery(Rows.Select(r => r.Key).ToList(), q => q.Where(k => k % 2 == 1));

    [Fact]
    public void Where_onNullableStrings_matchesLinq() =>
        AssertQuery(Rows.Select(r => r.Name).ToList(), q => q.Where(s => s != null && s.Length > 4));

    [Fact]
    public void Where_afterSelect_filtersProjectedValues() =>
        AssertQuery(Rows, q => q.Select(x => new { x.Id, Total = x.A + x.Key }).Where(x => x.Total % 3 == 0));

    private static bool IsInteresting(Row row) => row.Name is { Length: > 3 } && row.Id % 2 == 0;

    [Fact]
    public void Where_capturedArrayContains_matchesLinq()
    {
        // C# 14 binds this to MemoryExtensions.Contains over a span of the array.
        string?[] wanted = ["alpha", "beta", null];
        AssertQuery(Rows, q => q.Where(x => wanted.Contains(x.Name)).Select(x => x.Id));
    }

    [Fact]
    public void Count_capturedIntArrayContains_matchesLinq()
    {
        int[] keys = [1, 3, TestData.SkewedKey];
        AssertScalar(Rows, q => q.Count(x => keys.Contains(x.Key)));
    }

    [Fact]
    public void Where_inlineArrayAndListContains_matchesLinq()
    {
        var names = new List<string?> { "gamma", "" };
        AssertQuery(Rows, q => q.Where(x => new[] { 2, 4, 6 }.Contains(x.Key) || names.Contains(x.Name)).Select(x => x.Id));
    }

    [Fact]
    public void Where_capturedNullNullable_shortCircuitsAsLinq()
    {
        int? limit = null;
        AssertScalar(Rows, q => q.Where(x => !limit.HasValue || x.Id < limit.Value).Count());
    }

    [Fact]
    public void Where_capturedNullableWithValue_matchesLinq()
    {
        int? limit = 9;
        AssertQuery(Rows, q => q.Where(x => !limit.HasValue || x.Id < limit.Value).Select(x => x.Id));
    }

    [Fact]
    public void Where_capturedDivisionByZeroNeverReached_isNotEvaluated()
    {
        int zero = 0;
        AssertScalar(Rows, q => q.Where(x => zero != 0 && x.Id > 100 / zero).Count());
    }

    [Fact]
    public void Where_capturedDivisionByZeroReached_throwsAsLinq()
    {
        int zero = 0;
        AssertScalar(Rows, q => q.Where(x => x.Key > 100 || x.Id > 100 / zero).Count());
    }

    [Fact]
    public void Where_capturedNullObjectBehindGuard_isNotRead()
    {
        Dim? dim = null;
        AssertScalar(Rows, q => q.Count(x => dim != null && x.Key == dim.Key));
    }

    [Fact]
    public void Where_absOfMinValueInFilter_throwsOverflowAsLinq() =>
        AssertQuery(WithMinValues, q => q.Where(x => Math.Abs(x.Key) > 5).Select(x => x.Id));

    [Fact]
    public void Where_absBehindShortCircuit_evaluatesOnlyWhereLinqDoes() =>
        AssertQuery(WithMinValues, q => q.Where(x => x.Key != int.MinValue && Math.Abs(x.Key) > 5 || x.Key == int.MinValue).Select(x => x.Id));

    [Fact]
    public void Where_absAfterAnEarlierFilter_runsOnlyOnItsRows() =>
        AssertQuery(WithMinValues, q => q.Where(x => x.Key != int.MinValue).Where(x => Math.Abs(x.Key - 3) > 2).Select(x => x.Id));

    [Fact]
    public void Where_absInFilterBeforeTake_stopsWhereLinqStops() =>
        AssertQuery(WithMinValues, q => q.Where(x => Math.Abs(x.Key) >= 0).Take(3).Select(x => x.Id));

    /// <summary>Rows whose Key is int.MinValue every 13 rows from row 5: Math.Abs throws for them.</summary>
    internal static IReadOnlyList<Row> WithMinValues { get; } = [.. Rows.Select(r => r.Id % 13 == 5 ? r with { Key = int.MinValue } : r)];
}
