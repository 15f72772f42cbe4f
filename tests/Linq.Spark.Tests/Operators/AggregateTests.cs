using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of Count, LongCount, Sum, Min, Max, MinBy, MaxBy, Average and Aggregate, including empty inputs and checked overflow.</summary>
public sealed class AggregateTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void Count_source_matchesLinq() =>
        AssertScalar(Rows, q => q.Count());

    [Fact]
    public void Count_predicate_matchesLinq() =>
        AssertScalar(Rows, q => q.Count(x => x.Key == TestData.SkewedKey));

    [Fact]
    public void Count_afterSelectMany_countsFlattened() =>
        AssertScalar(Rows, q => q.SelectMany(x => Enumerable.Range(0, x.Id % 5)).Count());

    [Fact]
    public void Count_afterGroupBy_countsGroups() =>
        AssertScalar(Rows, q => q.GroupBy(x => x.N).Count());

    [Fact]
    public void LongCount_source_matchesLinq() =>
        AssertScalar(Rows, q => q.LongCount());

    [Fact]
    public void LongCount_predicate_matchesLinq() =>
        AssertScalar(Rows, q => q.LongCount(x => x.Name == null));

    [Fact]
    public void Sum_int_matchesLinq() =>
        AssertScalar(Rows, q => q.Sum(x => x.Key));

    [Fact]
    public void Sum_intSequence_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.Id).Sum());

    [Fact]
    public void Sum_long_matchesLinq() =>
        AssertScalar(Rows, q => q.Sum(x => x.A));

    [Fact]
    public void Sum_double_exactFractionsMatch() =>
        AssertScalar(Rows, q => q.Sum(x => x.B));

    [Fact]
    public void Sum_float_matchesLinq() =>
        AssertScalar(Rows, q => q.Sum(x => (float)x.B));

    [Fact]
    public void Sum_decimal_matchesLinq() =>
        AssertScalar(Rows, q => q.Sum(x => (decimal)x.B * 1.1m));

    [Fact]
    public void Sum_nullableInt_skipsNulls() =>
        AssertScalar(Rows, q => q.Sum(x => x.N));

    [Fact]
    public void Sum_nullableLongAndDouble_skipNulls() =>
        AssertScalar(Rows, q => new { L = q.Sum(x => (long?)x.N), D = q.Sum(x => x.N == null ? null : (double?)x.B) });

    [Fact]
    public void Sum_nullableDecimalAndFloat_skipNulls() =>
        AssertScalar(Rows, q => new { M = q.Sum(x => (decimal?)x.N), F = q.Sum(x => (float?)x.N) });

    [Fact]
    public void Sum_intSequenceNullable_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.N).Sum());

    // All summands are positive, so every summation order overflows exactly when LINQ's does (size 1000 only).
    [Fact]
    public void Sum_intOverflow_throwsOverflowException() =>
        AssertScalar(Rows, q => q.Sum(x => x.Id * 20_000));

    [Fact]
    public void Sum_nullableIntOverflow_throwsOverflowException() =>
        AssertScalar(Rows, q => q.Sum(x => (int?)(x.Id * 20_000)));

    [Fact]
    public void Sum_longOverflow_throwsOverflowException() =>
        AssertScalar(Rows, q => q.Sum(x => long.MaxValue / 12));

    [Fact]
    public void Sum_intSequenceOverflow_throwsOverflowException() =>
        AssertScalar(Rows, q => q.Select(x => int.MaxValue / 10).Sum());

    [Fact]
    public void Sum_afterWhere_matchesLinq() =>
        AssertScalar(Rows, q => q.Where(x => x.Kind == Kind.Alpha).Sum(x => x.A));

    [Fact]
    public void Min_int_throwsWhenEmpty() =>
        AssertScalar(Rows, q => q.Min(x => x.Key));

    [Fact]
    public void Max_long_throwsWhenEmpty() =>
        AssertScalar(Rows, q => q.Max(x => x.A));

    [Fact]
    public void MinMax_double_matchLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.B).Min() + 1000 * q.Select(x => x.B).Max());

    [Fact]
    public void MinMax_doublesWithNaNAndInfinities_followLinqNaNRules() =>
        AssertScalar(Rows, q => new
        {
            Min = q.Min(x => x.Id % 97 == 5 ? double.NaN : x.Id % 89 == 3 ? double.NegativeInfinity : x.B),
            Max = q.Max(x => x.Id % 97 == 5 ? double.NaN : x.Id % 89 == 3 ? double.PositiveInfinity : x.B),
            MinWithoutNaN = q.Min(x => x.Id % 89 == 3 ? double.PositiveInfinity : x.B * 2),
            MaxOfSomeNaN = q.Max(x => x.Id % 2 == 0 ? double.NaN : -x.B),
        });

    [Fact]
    public void Max_allNaN_isNaN() =>
        AssertScalar(Rows, q => q.Where(x => x.Id >= 0).Max(x => x.B * double.NaN));

    [Fact]
    public void MinMax_floatsAfterFilter_matchLinq() =>
        AssertScalar(Rows, q => new { Min = q.Where(x => x.Key > 3).Min(x => (float)x.B), Max = q.Where(x => x.A < 0).Max(x => (float)x.B / 3) });

    [Fact]
    public void Min_nullableInt_nullWhenEmptyOrAllNull() =>
        AssertScalar(Rows, q => q.Min(x => x.N));

    [Fact]
    public void Max_nullableInt_ignoresNulls() =>
        AssertScalar(Rows, q => q.Max(x => x.N));

    [Fact]
    public void MinMax_string_ignoreNulls() =>
        AssertScalar(Rows, q => new { Min = q.Min(x => x.Name), Max = q.Max(x => x.Name) });

    [Fact]
    public void MinMax_dateOnly_matchLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.D).Max());

    [Fact]
    public void MinMax_decimal_matchLinq() =>
        AssertScalar(Rows, q => q.Select(x => (decimal)x.A).Min());

    [Fact]
    public void MinMax_nullableLongDoubleDecimal_ignoreNulls() =>
        AssertScalar(Rows, q => new
        {
            MinL = q.Min(x => (long?)x.N),
            MaxL = q.Max(x => (long?)x.N),
            MinD = q.Min(x => x.N == null ? null : (double?)x.B),
            MaxD = q.Max(x => x.N == null ? null : (double?)x.B),
            MinM = q.Min(x => (decimal?)x.N),
            MaxM = q.Max(x => (decimal?)x.N),
        });

    [Fact]
    public void Max_decimal_throwsWhenEmpty() =>
        AssertScalar(Rows, q => q.Max(x => (decimal)x.B));

    [Fact]
    public void Min_enum_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.Kind).Min());

    [Fact]
    public void Min_withComparer_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.Name).Min(StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void Max_withComparer_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.Name).Max(StringComparer.Ordinal));

    [Fact]
    public void MinBy_returnsFirstMinimalElement() =>
        AssertScalar(Rows, q => q.MinBy(x => x.Key));

    [Fact]
    public void MaxBy_returnsFirstMaximalElement() =>
        AssertScalar(Rows, q => q.MaxBy(x => x.B));

    [Fact]
    public void MinBy_nullableKey_ignoresNullKeys() =>
        AssertScalar(Rows, q => q.MinBy(x => x.N));

    [Fact]
    public void MaxBy_withComparer_matchesLinq() =>
        AssertScalar(Rows, q => q.MaxBy(x => x.Name, StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void MinBy_withComparer_matchesLinq() =>
        AssertScalar(Rows, q => q.MinBy(x => x.Name, StringComparer.Ordinal));

    [Fact]
    public void Average_int_throwsWhenEmpty() =>
        AssertScalar(Rows, q => q.Average(x => x.Key));

    [Fact]
    public void Average_long_matchesLinq() =>
        AssertScalar(Rows, q => q.Average(x => x.A));

    [Fact]
    public void Average_double_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.B).Average());

    [Fact]
    public void Average_float_matchesLinq() =>
        AssertScalar(Rows, q => q.Average(x => (float)x.B));

    [Fact]
    public void Average_decimal_matchesLinq() =>
        AssertScalar(Rows, q => q.Average(x => (decimal)x.B));

    [Fact]
    public void Average_nullableInt_ignoresNullsAndIsNullWhenEmpty() =>
        AssertScalar(Rows, q => q.Average(x => x.N));

    [Fact]
    public void Average_nullableDouble_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.N == null ? null : (double?)x.B).Average());

    [Fact]
    public void Average_nullableLongAndDecimal_matchLinq() =>
        AssertScalar(Rows, q => new { L = q.Average(x => (long?)x.N), M = q.Average(x => (decimal?)x.N) });

    [Fact]
    public void Aggregate_func_foldsInSourceOrderOrThrowsWhenEmpty() =>
        AssertScalar(Rows, q => q.Select(x => (long)x.Id).Aggregate((acc, x) => (acc * 31 + x) % 1_000_003));

    [Fact]
    public void Aggregate_seed_foldsInSourceOrder() =>
        AssertScalar(Rows, q => q.Aggregate(17L, (acc, x) => (acc * 31 + x.Key) % 1_000_003));

    [Fact]
    public void Aggregate_seedAndResultSelector_matchesLinq() =>
        AssertScalar(Rows, q => q.Aggregate(0.0, (acc, x) => acc + x.B, acc => acc / 2));

    [Fact]
    public void Aggregate_stringConcatenation_keepsSourceOrder() =>
        AssertScalar(Rows, q => q.Take(40).Aggregate("", (acc, x) => acc + x.Key + ","));

    [Fact]
    public void Aggregate_afterOrderBy_foldsInSortedOrder() =>
        AssertScalar(Rows, q => q.OrderBy(x => x.Name).ThenBy(x => x.Id).Aggregate(0L, (acc, x) => (acc * 7 + x.Id) % 999_983));

    [Fact]
    public void MinMax_overBool_matchesLinq()
    {
        AssertScalar(Rows, q => q.Min(x => x.Key > 3));
        AssertScalar(Rows, q => q.Max(x => x.Key > 3));
    }

    [Fact]
    public void MinMax_overNullableBoolAndChar_matchesLinq()
    {
        AssertScalar(Rows, q => q.Max(x => x.N == null ? (bool?)null : x.N > 0));
        AssertScalar(Rows, q => q.Min(x => x.Name == null || x.Name.Length == 0 ? 'z' : x.Name[0]));
    }

    [Fact]
    public void GroupBy_minMaxOverBool_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Kind).Select(g => new { g.Key, Any = g.Max(v => v.B > 0), All = g.Min(v => v.B > 0) }));

    [Fact]
    public void Max_absOfMinValue_throwsOverflowAsLinq() =>
        AssertScalar(WhereTests.WithMinValues, q => q.Max(x => Math.Abs(x.Key)));

    [Fact]
    public void Sum_widenedAbsOfMinValue_throwsOverflowAsLinq() =>
        AssertScalar(WhereTests.WithMinValues, q => q.Sum(x => (long)Math.Abs(x.Key)));

    [Fact]
    public void Max_absOfMinValueFilteredOut_isNotEvaluated() =>
        AssertScalar(WhereTests.WithMinValues, q => q.Where(x => x.Key != int.MinValue).Max(x => Math.Abs(x.Key)));

    [Fact]
    public void Sum_absInOneBranchOfAConditional_evaluatesOnlyThatBranch() =>
        AssertScalar(WhereTests.WithMinValues, q => q.Sum(x => x.Key == int.MinValue ? 0L : Math.Abs(x.Key)));

    [Fact]
    public void Count_absBehindOrElse_evaluatesOnlyWhereLinqDoes() =>
        AssertScalar(WhereTests.WithMinValues, q => q.Count(x => x.Key == int.MinValue || Math.Abs(x.Key) > 3));

    [Fact]
    public void Count_absOfLongMinValue_throwsOverflowAsLinq() =>
        AssertScalar(Rows, q => q.Count(x => Math.Abs(x.Id % 17 == 9 ? long.MinValue : x.A) > 3));

    [Fact]
    public void GroupBy_maxOfAbs_throwsOverflowAsLinq() =>
        AssertQuery(WhereTests.WithMinValues, q => q.GroupBy(x => x.Id % 4).Select(g => new { g.Key, M = g.Max(v => Math.Abs(v.Key)) }));
}
