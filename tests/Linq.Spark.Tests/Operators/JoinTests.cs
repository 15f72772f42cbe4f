using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of Join, GroupJoin, LeftJoin and RightJoin: shuffle joins, broadcast joins, in-memory inner sides.</summary>
public sealed class JoinTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    private static IReadOnlyList<Dim> Dims => TestData.Dims;

    /// <inheritdoc />
    protected override IReadOnlyList<ExecutionMode> Modes { get; } =
        [ExecutionMode.Vectorized, ExecutionMode.RowMode, ExecutionMode.NoAutoBroadcast, ExecutionMode.ShippedPlan, ExecutionMode.SpilledShuffles];

    [Fact]
    public void Join_twoSessionSources_matchesInnerJoin() =>
        AssertQuery(Rows, Dims, (l, r) => l.Join(r, x => x.Key, d => d.Key, (x, d) => new { x.Id, x.Key, d.Label }));

    [Fact]
    public void Join_skewedKeyWithDuplicateInnerKeys_multipliesRows() =>
        AssertQuery(Rows, Dims, (l, r) => l.Where(x => x.Key == TestData.SkewedKey || x.Key == 3).Join(r, x => x.Key, d => d.Key, (x, d) => new { x.Id, d.Label }));

    [Fact]
    public void Join_innerSideEmptyAfterFilter_returnsEmpty() =>
        AssertQuery(Rows, Dims, (l, r) => l.Join(r.Where(d => d.Key < 0), x => x.Key, d => d.Key, (x, d) => x.Id));

    [Fact]
    public void Join_nullableKeys_nullsNeverMatch() =>
        AssertQuery(Rows, Dims, (l, r) => l.Join(r, x => x.N, d => d.Region, (x, d) => new { x.Id, x.N, d.Label }));

    [Fact]
    public void Join_stringKeysWithNulls_nullsNeverMatch() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.Where(x => x.Id % 10 == 0).Join(r.Where(y => y.Id % 10 == 3), x => x.Name, y => y.Name, (x, y) => new { x.Id, Other = y.Id }));

    [Fact]
    public void Join_compositeAnonymousKey_matchesLinq() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.Join(r, x => new { x.Kind, M = x.Id % 13 }, y => new { y.Kind, M = y.Id % 13 }, (x, y) => new { x.Id, Y = y.Id }));

    [Fact]
    public void Join_compositeKeyWithNullMembers_nullMembersMatchAsInAnonymousEquality() =>
        AssertQuery(Rows, Dims, (l, r) => l.Join(r, x => new { K = x.Key % 5, R = x.N }, d => new { K = d.Key % 5, R = d.Region }, (x, d) => new { x.Id, d.Label }));

    [Fact]
    public void Join_selfJoinOnSameSource_matchesLinq() =>
        AssertQuery(Rows, q => q.Join(q, x => x.Id % 50, y => y.Id % 50, (x, y) => new { X = x.Id, Y = y.Id }).Where(p => p.X < p.Y));

    [Fact]
    public void Join_withComparer_ignoresCase() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.Where(x => x.Id % 20 == 0).Join(r.Where(y => y.Id % 20 == 1), x => x.Name, y => y.Name, (x, y) => new { x.Id, Y = y.Id, x.Name }, StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void Join_inMemoryInnerCollection_matchesLinq() =>
        AssertQuery(Rows, q => q.Join(TestData.Dims, x => x.Key, d => d.Key, (x, d) => new { x.Id, d.Label, d.Region }));

    [Fact]
    public void Join_inMemoryInnerCapturedLocal_matchesLinq()
    {
        var labels = new List<Dim> { new(1, "one", 1), new(TestData.SkewedKey, "seven", null), new(1, "uno", 2) };
        AssertQuery(Rows, q => q.Join(labels, x => x.Key, d => d.Key, (x, d) => x.Id * 10 + d.Label.Length));
    }

    [Fact]
    public void Join_broadcastInnerSide_matchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.Join(r.SparkOnly(d => d.Broadcast()), x => x.Key, d => d.Key, (x, d) => new { x.Id, d.Label }));

    [Fact]
    public void Join_broadcastOuterSide_matchesLinq() =>
        AssertQuery(Dims, Rows, (l, r) => l.SparkOnly(d => d.Broadcast()).Join(r, d => d.Key, x => x.Key, (d, x) => new { x.Id, d.Label }));

    [Fact]
    public void Join_thenGroupByAggregate_matchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.Join(r, x => x.Key, d => d.Key, (x, d) => new { d.Label, x.A })
            .GroupBy(p => p.Label).Select(g => new { g.Key, Sum = g.Sum(p => p.A), Count = g.Count() }));

    [Fact]
    public void Join_afterWhereAndSelectOnBothSides_matchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.Where(x => x.B > 0).Select(x => new { x.Id, K = x.Key })
            .Join(r.Where(d => d.Region != null).Select(d => new { d.Key, d.Region }), x => x.K, d => d.Key, (x, d) => new { x.Id, d.Region }));

    [Fact]
    public void Join_chainOfTwoJoins_matchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.Join(r, x => x.Key, d => d.Key, (x, d) => new { x.Id, d.Region })
            .Join(r, p => p.Region, d => (int?)d.Key, (p, d) => new { p.Id, d.Label }));

    [Fact]
    public void Join_concatenatedWithAnotherJoin_eachReadsItsOwnPartitions() =>
        AssertQuery(Rows, Dims, (l, r) => l.Join(r, x => x.Key, d => d.Key, (x, d) => new { x.Id, d.Label })
            .Concat(l.Where(x => x.Id % 3 == 0).Join(r, x => x.Key, d => d.Key, (x, d) => new { Id = -x.Id, d.Label })));

    [Fact]
    public void Join_transparentIdentifierFeedsAggregate_readsMembersOfBothSides() =>
        AssertQuery(Rows, Dims, (l, r) =>
            from x in l
            join d in r on x.Key equals d.Key
            where x.A > -40
            group x.B by d.Label into g
            select new { g.Key, Sum = g.Sum(), Count = g.Count() });

    [Fact]
    public void Join_wholeRowsOfBothSidesInResult_matchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.Where(x => x.Id % 7 == 0).Join(r, x => x.Key, d => d.Key, (x, d) => new { x, d }).Select(p => new { p.x, p.d.Label }));

    [Fact]
    public void GroupJoin_countsMatches_includesOuterWithoutMatches() =>
        AssertQuery(Rows, Dims, (l, r) => l.GroupJoin(r, x => x.Key, d => d.Key, (x, ds) => new { x.Id, Count = ds.Count() }));

    [Fact]
    public void GroupJoin_innerElementsKeepInnerOrder() =>
        AssertQuery(Rows, Dims, (l, r) => l.GroupJoin(r, x => x.Key, d => d.Key, (x, ds) => new { x.Id, Labels = ds.Select(d => d.Label) }));

    [Fact]
    public void GroupJoin_nullKeys_getEmptyGroups() =>
        AssertQuery(Rows, Dims, (l, r) => l.GroupJoin(r, x => x.N, d => d.Region, (x, ds) => new { x.Id, x.N, Count = ds.Count() }));

    [Fact]
    public void GroupJoin_withComparer_ignoresCase() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.Where(x => x.Id % 25 == 0).GroupJoin(r, x => x.Name, y => y.Name, (x, ys) => new { x.Id, Count = ys.Count() }, StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void GroupJoin_thenSelectManyDefaultIfEmpty_isLeftOuterJoin() =>
        AssertQuery(Rows, Dims, (l, r) => l.GroupJoin(r, x => x.Key, d => d.Key, (x, ds) => new { x, ds })
            .SelectMany(p => p.ds.DefaultIfEmpty(), (p, d) => new { p.x.Id, Label = d == null ? "none" : d.Label }));

    [Fact]
    public void GroupJoin_inMemoryInner_matchesLinq() =>
        AssertQuery(Rows, q => q.GroupJoin(TestData.Dims, x => x.Key, d => d.Key, (x, ds) => new { x.Id, Sum = ds.Sum(d => d.Key) }));

    [Fact]
    public void LeftJoin_keepsUnmatchedOuterWithNullInner() =>
        AssertQuery(Rows, Dims, (l, r) => l.LeftJoin(r, x => x.Key, d => d.Key, (x, d) => new { x.Id, Label = d == null ? null : d.Label }));

    [Fact]
    public void LeftJoin_nullableKeys_nullOuterKeysKeptUnmatched() =>
        AssertQuery(Rows, Dims, (l, r) => l.LeftJoin(r, x => x.N, d => d.Region, (x, d) => new { x.Id, x.N, Key = d == null ? -1 : d.Key }));

    [Fact]
    public void LeftJoin_withComparer_ignoresCase() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.Where(x => x.Id % 20 == 0).LeftJoin(r.Where(y => y.Id % 20 == 1), x => x.Name, y => y.Name, (x, y) => new { x.Id, Y = y == null ? -1 : y.Id }, StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void LeftJoin_inMemoryInner_matchesLinq() =>
        AssertQuery(Rows, q => q.LeftJoin(TestData.Dims, x => x.Key, d => d.Key, (x, d) => new { x.Id, Region = d == null ? null : d.Region }));

    [Fact]
    public void RightJoin_keepsUnmatchedInnerWithNullOuter() =>
        AssertQuery(Rows, Dims, (l, r) => l.RightJoin(r, x => x.Key, d => d.Key, (x, d) => new { Id = x == null ? -1 : x.Id, d.Label }));

    [Fact]
    public void RightJoin_withComparer_ignoresCase() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l.Where(x => x.Id % 20 == 0).RightJoin(r.Where(y => y.Id % 20 == 1), x => x.Name, y => y.Name, (x, y) => new { X = x == null ? -1 : x.Id, y.Id }, StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void RightJoin_broadcastOuter_matchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.Where(x => x.Id % 3 == 0).SparkOnly(x => x.Broadcast()).RightJoin(r, x => x.Key, d => d.Key, (x, d) => new { Id = x == null ? -1 : x.Id, d.Key }));

    [Fact]
    public void LeftJoin_broadcastOuterSide_emitsEachUnmatchedOuterOnce() =>
        AssertQuery(Dims, Rows, (l, r) => l.SparkOnly(d => d.Broadcast()).LeftJoin(r.Where(x => x.Id % 4 == 0), d => d.Key, x => x.Key, (d, x) => new { d.Label, Id = x == null ? -1 : x.Id }));

    [Fact]
    public void GroupJoin_broadcastOuterSide_emitsEachOuterOnce() =>
        AssertQuery(Dims, Rows, (l, r) => l.SparkOnly(d => d.Broadcast()).GroupJoin(r, d => d.Key, x => x.Key, (d, xs) => new { d.Label, Count = xs.Count(), Sum = xs.Sum(x => x.A) }));

    [Fact]
    public void Join_keySelectorThrows_throwsSameExceptionType() =>
        AssertQuery(Rows, Dims, (l, r) => l.Join(r, x => 10 / (x.Id - 12), d => d.Key, (x, d) => x.Id));
    [Fact]
    public void GroupJoin_groupReadThroughLambdas_narrowedInnerMatchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.GroupJoin(r, x => x.Key, d => d.Key, (x, ds) => new
        {
            x.Id,
            WithRegion = ds.Count(d => d.Region > 1),
            Letters = ds.Sum(d => d.Label.Length),
            First = ds.Select(d => d.Label).FirstOrDefault(),
            Any = ds.Any(),
        }));

    [Fact]
    public void GroupJoin_groupPassedOnWhole_matchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.GroupJoin(r, x => x.Key, d => d.Key, (x, ds) => new { x.Id, Last = ds.LastOrDefault(), Big = ds.Where(d => d.Region > 1).Count() }));

    [Fact]
    public void Join_rowsWithAComputedMember_readItOnlyForMatches() =>
        AssertQuery(
            TestData.Rows.Select(x => new Ratio(x.Id, x.Key)).ToList(),
            Dims,
            (l, r) => l.Join(r.Where(d => d.Key != 0), x => x.Key, d => d.Key, (x, d) => new { x.Share, d.Label }));

    [Fact]
    public void LeftJoin_outerNarrowedInnerKeptWhole_matchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.LeftJoin(r, x => x.Key, d => d.Key, (x, d) => new { x.Id, Region = d == null ? -1 : d.Region ?? -2 }));

    [Fact]
    public void RightJoin_innerNarrowedOuterKeptWhole_matchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.Where(x => x.Id % 7 == 0).RightJoin(r, x => x.Key, d => d.Key, (x, d) => new { A = x == null ? 0 : x.A, d.Label }));

    [Fact]
    public void Join_querySyntaxChainReadingOneMemberOfEachRow_matchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) =>
            from x in l
            join d in r on x.Key equals d.Key
            join y in l on x.Id equals y.Id
            where d.Region > 0
            group y.A by d.Label into g
            select new { g.Key, Sum = g.Sum(), Count = g.Count() });

    [Fact]
    public void Join_filterAboveGuardsAComputedMember_readsItOnlyForRowsItKeeps() =>
        AssertQuery(
            TestData.Rows.Select(x => new Ratio(x.Id, x.Key)).ToList(),
            Dims,
            (l, r) => from x in l
                      join d in r on x.Key equals d.Key
                      where x.Key != 0 || d.Region == 99
                      select new { x.Share, d.Label });

    [Fact]
    public void Join_consumerThrowsOnSomeRows_throwsSameExceptionType() =>
        AssertQuery(Rows, Dims, (l, r) =>
            from x in l
            join d in r on x.Key equals d.Key
            select 100 / (x.Key - 3) + d.Label.Length);

    [Fact]
    public void LeftJoin_transparentIdentifierReadOnlyWhenMatched_neverReadsTheMissingRow() =>
        AssertQuery(Rows, Dims, (l, r) => l
            .LeftJoin(r.Where(d => d.Key % 2 == 0), x => x.Key, d => d.Key, (x, d) => new { x, d })
            .Where(t => t.x.Id % 3 == 0)
            .Select(t => new { t.x.Id, Label = t.d == null ? "none" : t.d.Label }));

    [Fact]
    public void Join_overLeftJoinTransparentIdentifier_readsTheMissingRowOnlyWhenMatched() =>
        AssertQuery(Rows, Dims, (l, r) => l
            .LeftJoin(r.Where(d => d.Key % 2 == 0), x => x.Key, d => d.Key, (x, d) => new { x, d })
            .Join(r, t => t.x.Key + 1, d => d.Key, (t, e) => new { t, e })
            .Select(u => new { u.t.x.Id, Label = u.t.d == null ? "-" : u.t.d.Label, u.e.Region }));

    [Fact]
    public void Join_rowPassedOnWholeThenReadByMembers_matchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.Join(r.Where(d => d.Region == 1), x => x.Key, d => d.Key, (x, d) => x).Where(x => x.B > 0).Select(x => new { x.Id, x.A }));

    [Fact]
    public void LeftJoin_missingRowPassedOnAndRead_throwsLikeLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.LeftJoin(r.Where(d => d.Key % 2 == 0), x => x.Key, d => d.Key, (x, d) => d).Select(d => d!.Label.Length));

    [Fact]
    public void Join_leftSideEstimatedSmaller_buildsLeftAndMatchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.Where(SmallLeft).Join(r, x => x.Key, d => d.Key, (x, d) => new { x.Id, d.Label, d.Region }));

    [Fact]
    public void Join_leftSideEstimatedSmallerAndResultThrows_throwsSameExceptionType() =>
        AssertQuery(Rows, Dims, (l, r) => l.Where(SmallLeft).Join(r, x => x.Key, d => d.Key, (x, d) => x.Id / (d.Key - 5)));

    [Fact]
    public void Join_againstDistinctKeysReadingOnlyTheLeft_keepsEachLeftRowOnce() =>
        AssertQuery(Rows, Dims, (l, r) => l.Join(r.Select(d => d.Key).Distinct(), x => x.Key, k => k, (x, k) => new { x.Id, x.A }));

    [Fact]
    public void Join_againstGroupKeysWithAHaving_keepsEachLeftRowOnce() =>
        AssertQuery(Rows, Dims, (l, r) =>
            from x in l
            join k in from d in r group d.Region by d.Key into g where g.Count() > 1 select g.Key on x.Key equals k
            select x.Id);

    [Fact]
    public void Join_againstDistinctLongKeysSpreadWide_matchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.Join(r.Select(d => d.Key * 1_000_000_007L - 3).Distinct(), x => x.Key * 1_000_000_007L - 3, k => k, (x, k) => x.Id));

    [Fact]
    public void Join_againstDistinctKeysWhenTheResultReadsThem_matchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.Join(r.Select(d => d.Key % 4).Distinct(), x => x.Key % 4, k => k, (x, k) => new { x.Id, k }));

    [Fact]
    public void Join_againstNonUniqueKeysReadingOnlyTheLeft_repeatsLeftRowsLikeLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.Join(r.Select(d => d.Key), x => x.Key, k => k, (x, k) => x.Id));

    [Fact]
    public void GroupJoin_whereTheGroupIsEmpty_keepsUnmatchedAndNullKeyedRows() =>
        AssertQuery(Rows, Dims, (l, r) =>
            from x in l
            join d in r on x.N equals d.Region into ds
            where !ds.Any()
            select new { x.Id, x.N });

    [Fact]
    public void GroupJoin_whereTheGroupHasRows_keepsEachMatchedRowOnce() =>
        AssertQuery(Rows, Dims, (l, r) => l.GroupJoin(r, x => x.Key, d => d.Key, (x, ds) => new { x, ds }).Where(t => t.ds.Any() && t.x.B > 0).Select(t => t.x.Id));

    [Fact]
    public void GroupJoin_againstDistinctKeysWhereTheGroupIsEmpty_matchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) =>
            from x in l
            join k in r.Where(d => d.Key % 3 == 0).Select(d => d.Key).Distinct() on x.Key equals k into ks
            where !ks.Any()
            select x.Id);

    [Fact]
    public void GroupJoin_anyOfTheGroupInTheResult_marksEachRow() =>
        AssertQuery(Rows, Dims, (l, r) => l.GroupJoin(r.Where(d => d.Key % 2 == 0), x => x.Key, d => d.Key, (x, ds) => new { x.Id, Has = ds.Any() }));

    [Fact]
    public void GroupJoin_emptyGroupTestWithAComparer_matchesLinq() =>
        AssertQuery(Rows, TestData.OtherRows, (l, r) => l
            .GroupJoin(r.Where(y => y.Id % 4 == 1), x => x.Name, y => y.Name, (x, ys) => new { x.Id, ys }, StringComparer.OrdinalIgnoreCase)
            .Where(t => !t.ys.Any())
            .Select(t => t.Id));

    [Fact]
    public void GroupJoin_throwingConditionBeforeTheEmptyGroupTest_throwsSameExceptionType() =>
        AssertQuery(Rows, Dims, (l, r) =>
            from x in l
            join d in r on x.Key equals d.Key into ds
            where 100 / (x.Id % 97) > 0 && !ds.Any()
            select x.Id);

    [Fact]
    public void GroupJoin_throwingConditionAfterTheEmptyGroupTest_runsOnlyForKeptRows() =>
        AssertQuery(Rows, Dims, (l, r) =>
            from x in l
            join d in r on x.Key equals d.Key into ds
            where !ds.Any() && 100 / (x.Key - TestData.SkewedKey) > 0
            select x.Id);

        [Fact]
    public void Join_filterThatMayThrowOnTheLeft_runsOnlyOnMatchesAsInLinq() =>
        AssertQuery(Rows, Dims, (l, r) =>
            from x in l
            join d in r.Where(d => d.Key != TestData.SkewedKey) on x.Key equals d.Key
            where 100 / (x.Key - TestData.SkewedKey) > 0
            select x.Id);

    [Fact]
    public void Join_filterThatMayThrowOnTheRight_runsOnlyOnMatchesAsInLinq() =>
        AssertQuery(Rows, Dims, (l, r) =>
            from x in l.Where(x => x.Key != 3)
            join d in r on x.Key equals d.Key
            where 100 / (d.Key - 3) > 0
            select new { x.Id, d.Label });

    /// <summary>Five conditions: the planner takes them to keep 1/32 of the rows, fewer than the 60 dimension rows.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<Row, bool>> SmallLeft =
        x => x.Id % 3 == 0 && x.Key > 1 && x.Id > 5 && x.Id < 900 && x.Key != 4;

    /// <summary>A row whose <see cref="Share"/> divides by its key: reading it for a row with key 0 throws.</summary>
    public sealed record Ratio(int Id, int Key)
    {
        /// <summary>100 divided by the key.</summary>
        public int Share => 100 / Key;
    }
}
