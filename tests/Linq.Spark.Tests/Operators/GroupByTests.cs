using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of all eight GroupBy overloads, aggregating (map-side combine) and materializing (groupByKey).</summary>
public sealed class GroupByTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void GroupBy_materialized_groupsKeepSourceOrder() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key));

    [Fact]
    public void GroupBy_nullableKey_nullFormsItsOwnGroup() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.N));

    [Fact]
    public void GroupBy_nullStringKey_nullFormsItsOwnGroup() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Name).Select(g => new { g.Key, Ids = g.Select(x => x.Id).ToList() }));

    [Fact]
    public void GroupBy_tupleOfSmallMembersKey_aggregatesWithPackedKeys() =>
        AssertQuery(Rows, q => q
            .Where(x => x.Id % 5 != 0)
            .GroupBy(x => new { x.Key, Parity = (short)(x.Id % 2), Sign = x.A < 0 ? -1 : 1 })
            .Select(g => new { g.Key.Key, g.Key.Parity, SumA = g.Sum(x => x.A), Count = g.Count(), Max = g.Max(x => x.Id) }));

    [Fact]
    public void GroupBy_twoMemberKeyWithNegativeValues_keepsKeysApart() =>
        AssertQuery(Rows, q => q
            .GroupBy(x => new { K = -x.Key, P = (short)(x.Id % 3 - 1) })
            .Select(g => new { g.Key.K, g.Key.P, Count = g.Count(), SumB = g.Sum(x => x.B) }));

    [Fact]
    public void GroupBy_countPerKey_aggregatesSkewedKey() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key).Select(g => new { g.Key, Count = g.Count() }));

    [Fact]
    public void GroupBy_allAggregates_matchLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key).Select(g => new
        {
            g.Key,
            Count = g.Count(),
            LongCount = g.LongCount(),
            SumA = g.Sum(x => x.A),
            SumB = g.Sum(x => x.B),
            SumId = g.Sum(x => x.Id),
            MinA = g.Min(x => x.A),
            MaxB = g.Max(x => x.B),
            AvgB = g.Average(x => x.B),
            AvgId = g.Average(x => x.Id),
        }));

    [Fact]
    public void GroupBy_nullableAggregates_ignoreNulls() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Kind).Select(g => new
        {
            g.Key,
            SumN = g.Sum(x => x.N),
            MinN = g.Min(x => x.N),
            MaxN = g.Max(x => x.N),
            AvgN = g.Average(x => x.N),
            CountN = g.Count(x => x.N != null),
        }));

    [Fact]
    public void GroupBy_decimalAggregates_matchLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key % 4).Select(g => new { g.Key, Sum = g.Sum(x => (decimal)x.B), Avg = g.Average(x => (decimal)x.A) }));

    [Fact]
    public void GroupBy_stringAndDateMinMax_matchLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Kind).Select(g => new { g.Key, MinName = g.Min(x => x.Name), MaxName = g.Max(x => x.Name), First = g.Min(x => x.D), Last = g.Max(x => x.D) }));

    [Fact]
    public void GroupBy_countWithPredicate_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key).Select(g => new { g.Key, Positive = g.Count(x => x.B > 0), AnyBig = g.Any(x => x.A > 900), AllNamed = g.All(x => x.Name != null) }));

    [Fact]
    public void GroupBy_compositeAnonymousKey_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => new { x.Kind, Mod = x.Id % 3 }).Select(g => new { g.Key.Kind, g.Key.Mod, Sum = g.Sum(x => x.A) }));

    [Fact]
    public void GroupBy_boolKey_twoGroups() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.B > 0).Select(g => new { g.Key, Count = g.Count(), Max = g.Max(x => x.Id) }));

    [Fact]
    public void GroupBy_doubleAndDateKeys_matchLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => new { x.B, x.D.Month }).Select(g => new { g.Key.B, g.Key.Month, Count = g.Count() }));

    [Fact]
    public void GroupBy_constantKey_singleGroup() =>
        AssertQuery(Rows, q => q.GroupBy(x => 1).Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(x => x.B) }));

    [Fact]
    public void GroupBy_withElementSelector_materializesProjectedElements() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Kind, x => x.Name));

    [Fact]
    public void GroupBy_withElementSelectorAggregated_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key, x => x.A).Select(g => new { g.Key, Sum = g.Sum(), Max = g.Max() }));

    [Fact]
    public void GroupBy_withResultSelector_aggregates() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key, (k, xs) => new { k, Count = xs.Count(), Sum = xs.Sum(x => x.B) }));

    [Fact]
    public void GroupBy_withResultSelector_materializesElementsInSourceOrder() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key % 5, (k, xs) => new { k, Ids = xs.Select(x => x.Id).ToList() }));

    [Fact]
    public void GroupBy_withElementAndResultSelector_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Kind, x => x.B, (k, bs) => new { k, Sum = bs.Sum(), Count = bs.Count() }));

    [Fact]
    public void GroupBy_withComparer_groupsIgnoringCaseKeepingFirstKey() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Name, StringComparer.OrdinalIgnoreCase).Select(g => new { g.Key, Ids = g.Select(x => x.Id).ToList() }));

    [Fact]
    public void GroupBy_withComparer_countsIgnoringCase() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Name, StringComparer.OrdinalIgnoreCase).Select(g => new { Key = g.Key == null ? null : g.Key.ToUpperInvariant(), Count = g.Count() }));

    [Fact]
    public void GroupBy_withElementSelectorAndComparer_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Name, x => x.Id, StringComparer.OrdinalIgnoreCase).Select(g => new { Key = g.Key == null ? null : g.Key.ToLowerInvariant(), Sum = g.Sum() }));

    [Fact]
    public void GroupBy_withResultSelectorAndComparer_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Name, (k, xs) => new { Upper = k == null ? null : k.ToUpperInvariant(), Count = xs.Count() }, StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void GroupBy_withElementResultSelectorAndComparer_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Name, x => x.A, (k, xs) => new { Len = k == null ? -1 : k.Length, Sum = xs.Sum() }, StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void GroupBy_afterWhere_matchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => x.Kind != Kind.Delta).GroupBy(x => x.Key).Select(g => new { g.Key, Sum = g.Sum(x => x.A) }));

    [Fact]
    public void GroupBy_havingFilterOnAggregate_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key).Where(g => g.Count() > 40).Select(g => new { g.Key, Count = g.Count() }));

    [Fact]
    public void GroupBy_stringKeyWithNullsAndAggregates_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Name).Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(x => x.A), Max = g.Max(x => x.B) }));

    [Fact]
    public void GroupBy_stringAndIntKey_matchesLinq() =>
        AssertQuery(Rows, q => q.Where(x => x.B > -2).GroupBy(x => new { x.Name, K = x.Key % 3 }).Select(g => new { g.Key.Name, g.Key.K, Sum = g.Sum(x => x.A) }));

    [Fact]
    public void GroupBy_enumAndStringKey_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => new { x.Kind, x.Name }).Select(g => new { g.Key.Kind, g.Key.Name, Count = g.LongCount(), Avg = g.Average(x => x.B) }));

    [Fact]
    public void GroupBy_stringKeyWithIgnoreCaseComparer_mergesCodesOfEqualKeys() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Name, StringComparer.OrdinalIgnoreCase).Select(g => new { Count = g.Count(), Sum = g.Sum(x => x.A) }));

    [Fact]
    public void GroupBy_havingThenKeyOnly_querySyntax_matchesLinq() =>
        AssertQuery(Rows, q => from x in q group x by x.Key into g where g.Sum(x => x.A) > 0 select g.Key);

    [Fact]
    public void GroupBy_havingWithOtherAggregatesInSelect_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Kind).Where(g => g.Min(x => x.A) < 0).Select(g => new { g.Key, Max = g.Max(x => x.A), Avg = g.Average(x => x.B), Sum = g.Sum(x => x.A) }));

    [Fact]
    public void GroupBy_havingGuardsTheSelect_selectNotEvaluatedForDroppedGroups() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key % 7).Where(g => g.Count() > 1).Select(g => new { g.Key, Inverse = 1000 / (g.Count() - 1) }));

    [Fact]
    public void GroupBy_havingOnNullableKeysAndValues_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.N).Where(g => g.Sum(x => x.N) != 0 || g.Key == null).Select(g => new { g.Key, Count = g.LongCount() }));

    [Fact]
    public void GroupBy_thenOrderByKey_isOrdered() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key).Select(g => new { g.Key, Sum = g.Sum(x => x.B) }).OrderBy(x => x.Key));

    [Fact]
    public void GroupBy_thenOrderByAggregateDescending_isOrdered() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(x => x.Count).ThenBy(x => x.Key));

    [Fact]
    public void GroupBy_groupFirstAndLast_areFirstAndLastInSourceOrder() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Kind).Select(g => new { g.Key, First = g.First().Id, Last = g.Last().Id }));

    [Fact]
    public void GroupBy_groupOrderedInside_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key % 3).Select(g => new { g.Key, Top = g.OrderByDescending(x => x.A).ThenBy(x => x.Id).Take(3).Select(x => x.Id).ToList() }));

    [Fact]
    public void GroupBy_selectManyOverGroups_flattens() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Kind).SelectMany(g => g.Take(2)));

    [Fact]
    public void GroupBy_twice_regroupsAggregates() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key).Select(g => new { g.Key, Count = g.Count() }).GroupBy(x => x.Count % 3).Select(g => new { g.Key, Keys = g.Count() }));

    [Fact]
    public void GroupBy_onPrimitiveInts_matchesLinq() =>
        AssertQuery(Rows.Select(r => r.Id % 17).ToList(), q => q.GroupBy(i => i).Select(g => new { g.Key, Count = g.Count() }));

    [Fact]
    public void GroupBy_keySelectorThrows_throwsSameExceptionType() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Id / (x.Id - 14)).Select(g => g.Count()));

    // All summands are positive, so the sum overflows in every summation order exactly when LINQ's does. The aggregate
    // is the operator's, not the lambda's, so the OverflowException must come unwrapped, as from a top-level Sum.
    [Fact]
    public void GroupBy_intSumOverflowsInGroup_throwsOverflowException() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key % 2).Select(g => g.Sum(x => x.Id * 20_000)));

    [Fact]
    public void GroupBy_havingDropsAGroupWhoseAggregateThrows_returnsTheOthers() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Id).Where(g => g.Count() > 1).Select(g => g.Max(v => 100 / v.Id)));

    [Fact]
    public void GroupBy_havingReadsAThrowingAggregateOnlyForSomeGroups_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key).Where(g => g.Key > 20 && g.Min(v => 100 / (v.Id % 3)) > 0).Select(g => g.Key));

    [Fact]
    public void GroupBy_havingReadsAThrowingAggregateForEveryGroup_throwsAsLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key).Where(g => g.Min(v => 100 / (v.Id % 3)) > 0).Select(g => g.Key));

    [Fact]
    public void GroupBy_aggregateReadInOneBranchOnly_isComputedOnlyThere() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Id % 50).Select(g => g.Key == 0 ? 0 : g.Max(v => 1000 / (v.Id % 50))));

    [Fact]
    public void GroupBy_havingDropsAGroupWhoseLongSumOverflows_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Id % 5).Where(g => g.Key != 0).Select(g => new { g.Key, S = g.Sum(v => v.Id % 5 == 0 ? long.MaxValue : v.A) }));

    [Fact]
    public void GroupBy_elementSelectorThatThrows_throwsAsLinqEvenForCounts() =>
        AssertQuery(Rows, q => q.GroupBy(x => x.Key, x => 100 / (x.Id % 7)).Select(g => new { g.Key, C = g.Count() }));
}
