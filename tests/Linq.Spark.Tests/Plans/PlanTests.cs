using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Stage and task counts of the stage plan (Plan()) and of the jobs that ran (CompletedJobs), as DESIGN.md promises them,
/// with automatic broadcast off, two executor threads and three shuffle partitions.</summary>
public sealed class PlanTests : IDisposable
{
    private const int ShufflePartitions = 3;
    private const int InputPartitions = 4;

    private readonly SparkSession _session = SparkSession.Create(new SparkOptions
    {
        ExecutorThreads = 2,
        ShufflePartitions = ShufflePartitions,
        AutoBroadcastThresholdRows = -1,
    });

    private readonly ITestOutputHelper _output;

    /// <summary>Creates the session of this test.</summary>
    public PlanTests(ITestOutputHelper output) => _output = output;

    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void Plan_narrowChain_oneStageWithOneTaskPerInputPartition()
    {
        var query = Source().Where(x => x.B > 0).Select(x => new { x.Id, x.A }).Where(x => x.A > 0);

        var plan = query.Plan();

        var stage = Assert.Single(plan.Stages);
        Assert.Equal(InputPartitions, stage.NumTasks);
        Assert.False(stage.IsShuffleMap);
        Assert.Empty(stage.ParentIds);
        Assert.True(plan.IsOrdered);
    }

    [Fact]
    public void Jobs_narrowChainThenAction_runOneStageWithOneTaskPerInputPartition()
    {
        var jobs = JobsRunBy(() => Source().Where(x => x.B > 0).Select(x => x.A).Sum());

        var job = Assert.Single(jobs);
        var stage = Assert.Single(job.Stages);
        Assert.Equal(InputPartitions, stage.NumTasks);
        Assert.False(stage.IsShuffleMap);
        Assert.True(job.Succeeded);
    }

    [Fact]
    public void Plan_groupByWithAggregatesOnly_twoStagesMapThenShufflePartitions()
    {
        var plan = Source().GroupBy(x => x.Key).Select(g => new { g.Key, Sum = g.Sum(x => x.A), Count = g.Count() }).Plan();

        AssertMapThenResult(plan.Stages.Select(s => (s.Id, s.ParentIds, s.NumTasks, s.IsShuffleMap)).ToList(), InputPartitions);
        Assert.False(plan.IsOrdered);
    }

    [Fact]
    public void Jobs_groupByWithAggregatesOnly_combinesOnTheMapSide()
    {
        var jobs = JobsRunBy(() => Source().GroupBy(x => x.Key).Select(g => new { g.Key, Sum = g.Sum(x => x.A) }).ToList());

        var job = Assert.Single(jobs);
        AssertMapThenResult(job.Stages.Select(s => (s.StageId, s.ParentIds, s.NumTasks, s.IsShuffleMap)).ToList(), InputPartitions);
        var map = job.Stages.Single(s => s.IsShuffleMap);
        int keys = Rows.Select(r => r.Key).Distinct().Count();
        Assert.InRange(map.ShuffleWriteRows, 1, keys * InputPartitions);
    }

    [Fact]
    public void Jobs_groupByWithHavingFilter_stillCombinesOnTheMapSide()
    {
        var jobs = JobsRunBy(() => Source().GroupBy(x => x.Key).Where(g => g.Sum(x => x.A) > 0).Select(g => g.Key).ToList());

        var map = Assert.Single(jobs).Stages.Single(s => s.IsShuffleMap);
        Assert.InRange(map.ShuffleWriteRows, 1, Rows.Select(r => r.Key).Distinct().Count() * InputPartitions);
    }

    [Fact]
    public void Jobs_groupByMaterializingGroups_shufflesEveryRow()
    {
        var jobs = JobsRunBy(() => Source().GroupBy(x => x.Key).Select(g => new { g.Key, Ids = g.Select(x => x.Id).ToList() }).ToList());

        var job = Assert.Single(jobs);
        AssertMapThenResult(job.Stages.Select(s => (s.StageId, s.ParentIds, s.NumTasks, s.IsShuffleMap)).ToList(), InputPartitions);
        Assert.Equal(Rows.Count, job.Stages.Single(s => s.IsShuffleMap).ShuffleWriteRows);
    }

    [Fact]
    public void Jobs_shuffleReadByAnAggregate_writesOnlyTheColumnsItReads()
    {
        var summed = Assert.Single(JobsRunBy(() => Source().Repartition(3).Where(x => x.Key > 2).Sum(x => x.A)));
        var listed = Assert.Single(JobsRunBy(() => Source().Repartition(3).ToList()));

        // Key (int) and A (long) only, against every column of Row: 4 + 4 + 8 + 8 + 8 (a string reference) + 4 + 4 + 4.
        Assert.Equal(Rows.Count * 12L, summed.Stages.Single(s => s.IsShuffleMap).ShuffleWriteBytes);
        Assert.Equal(Rows.Count * 44L, listed.Stages.Single(s => s.IsShuffleMap).ShuffleWriteBytes);
    }

    [Fact]
    public void Plan_joinOfTwoSessionSources_threeStages()
    {
        var right = _session.Parallelize(TestData.Dims, 2);
        var plan = Source().Join(right, x => x.Key, d => d.Key, (x, d) => new { x.Id, d.Label }).Plan();

        Assert.Equal(3, plan.StageCount);
        var maps = plan.Stages.Where(s => s.IsShuffleMap).ToList();
        Assert.Equal(2, maps.Count);
        Assert.Equal([2, InputPartitions], maps.Select(s => s.NumTasks).Order());
        var result = plan.Stages.Single(s => !s.IsShuffleMap);
        Assert.Equal(ShufflePartitions, result.NumTasks);
        Assert.Equal(maps.Select(s => s.Id).Order(), result.ParentIds.Order());
    }

    [Fact]
    public void Jobs_joinOfTwoSessionSources_threeStages()
    {
        var right = _session.Parallelize(TestData.Dims, 2);
        var jobs = JobsRunBy(() => Source().Join(right, x => x.Key, d => d.Key, (x, d) => new { x.Id, d.Label }).ToList());

        var job = Assert.Single(jobs);
        Assert.Equal(3, job.Stages.Count);
        Assert.Equal(2, job.Stages.Count(s => s.IsShuffleMap));
        Assert.Equal(ShufflePartitions, job.Stages.Single(s => !s.IsShuffleMap).NumTasks);
    }

    [Fact]
    public void Plan_joinWithBroadcastInner_probeSideIsNotShuffled()
    {
        const int probePartitions = 5;
        var probe = _session.Parallelize(Rows, probePartitions);
        var small = _session.Parallelize(TestData.Dims, 2).Broadcast();
        var query = probe.Join(small, x => x.Key, d => d.Key, (x, d) => new { x.Id, d.Label });

        var plan = query.Plan();
        _output.WriteLine(plan.Text);

        var result = FinalStage(plan);
        Assert.False(result.IsShuffleMap);
        Assert.Equal(probePartitions, result.NumTasks);
        Assert.DoesNotContain(plan.Stages, s => s.IsShuffleMap && s.NumTasks == probePartitions);
        Assert.Equal(
            Rows.Join(TestData.Dims, x => x.Key, d => d.Key, (x, d) => x.Id + d.Label).Order(),
            query.ToList().Select(p => p.Id + p.Label).Order());
    }

    [Fact]
    public void Plan_distinct_twoStages()
    {
        var plan = Source().Select(x => x.Key).Distinct().Plan();

        AssertMapThenResult(plan.Stages.Select(s => (s.Id, s.ParentIds, s.NumTasks, s.IsShuffleMap)).ToList(), InputPartitions);
    }

    [Fact]
    public void Jobs_orderByThenToList_twoStagesPlusAtMostASamplingJob()
    {
        Assert.Equal(2, Source().OrderBy(x => x.B).Plan().StageCount);
        Assert.True(Source().OrderBy(x => x.B).Plan().IsOrdered);

        var jobs = JobsRunBy(() => Source().OrderBy(x => x.B).ToList());

        Assert.InRange(jobs.Count, 1, 2);
        var main = jobs.OrderByDescending(j => j.Stages.Count).First();
        Assert.Equal(2, main.Stages.Count);
        Assert.Equal(InputPartitions, main.Stages.Single(s => s.IsShuffleMap).NumTasks);
        Assert.All(jobs.Where(j => j != main), sampling => Assert.Single(sampling.Stages));
    }

    [Fact]
    public void Plan_orderByThenTake_oneStageTopN()
    {
        var query = Source().OrderByDescending(x => x.A).Take(5);

        Assert.Equal(1, query.Plan().StageCount);
        Assert.Equal(InputPartitions, query.Plan().Stages[0].NumTasks);

        var jobs = JobsRunBy(() => query.ToList());

        var job = Assert.Single(jobs);
        Assert.Single(job.Stages);
    }

    [Fact]
    public void Plan_concatOfTwoSources_oneStageWithTheTasksOfBoth()
    {
        var plan = Source().Concat(_session.Parallelize(TestData.OtherRows, 2)).Where(x => x.Key > 3).Plan();

        var stage = Assert.Single(plan.Stages);
        Assert.Equal(InputPartitions + 2, stage.NumTasks);
        Assert.True(plan.IsOrdered);
    }

    [Fact]
    public void Plan_unionOfTwoSources_shufflesBothSidesIntoShufflePartitions()
    {
        // Union may be planned as two exchanges or as Distinct over a narrow Concat (Spark's way); either way every
        // input partition is read by a map task and the result has ShufflePartitions tasks.
        var plan = Source().Select(x => x.Key).Union(_session.Parallelize(TestData.OtherRows, 2).Select(x => x.Key)).Plan();

        Assert.InRange(plan.StageCount, 2, 3);
        Assert.Equal(InputPartitions + 2, plan.Stages.Where(s => s.IsShuffleMap).Sum(s => s.NumTasks));
        Assert.Equal(ShufflePartitions, FinalStage(plan).NumTasks);
    }

    [Fact]
    public void Plan_repartition_twoStagesWithTheNewPartitionCount()
    {
        var plan = Source().Repartition(5).Where(x => x.A > 0).Plan();

        AssertMapThenResult(plan.Stages.Select(s => (s.Id, s.ParentIds, s.NumTasks, s.IsShuffleMap)).ToList(), InputPartitions, resultTasks: 5);
    }

    [Fact]
    public void Plan_coalesce_oneStageWithFewerTasks()
    {
        var stage = Assert.Single(Source().Coalesce(2).Select(x => x.Id).Plan().Stages);

        Assert.Equal(2, stage.NumTasks);
    }

    [Fact]
    public void Plan_andExplain_runNoJob()
    {
        var query = Source().GroupBy(x => x.Kind).Select(g => g.Count());

        var jobs = JobsRunBy(() =>
        {
            _ = query.Plan();
            return query.Explain();
        });

        Assert.Empty(jobs);
    }

    [Fact]
    public void Plan_numericFilterAndSum_isVectorizedWhenVectorizeIsOn()
    {
        var stage = Assert.Single(Source().Where(x => x.A > 10 && x.B < 2.5).Select(x => x.A).Plan().Stages);

        Assert.True(stage.IsVectorized, stage.NotVectorizedReason);
        Assert.Null(stage.NotVectorizedReason);
    }

    [Fact]
    public void Plan_filterAndSumAfterRepartition_readsTheShuffledColumnsAsSimd()
    {
        var stages = Source().Repartition(3).Where(x => x.A > 10 && x.B < 2.5).Select(x => x.A).Plan().Stages;

        Assert.Equal(2, stages.Count);
        Assert.True(stages[1].IsVectorized, stages[1].NotVectorizedReason);
    }

    [Fact]
    public void Plan_shuffledJoin_probesInTheStreamedSidesStage()
    {
        using var noBroadcast = SparkSession.Create(new SparkOptions { ExecutorThreads = 1, AutoBroadcastThresholdRows = 0 });
        var left = noBroadcast.Parallelize(Rows, InputPartitions);
        var right = noBroadcast.Parallelize(Rows, 2);

        var plan = left.Join(right, x => x.Key, y => y.Key, (x, y) => new { x.Id, y.A }).Where(p => p.Id + p.A > 0).Plan();

        Assert.Equal(3, plan.Stages.Count);
        Assert.Contains("ShuffledHashJoin Inner", plan.Text, StringComparison.Ordinal);
        Assert.Equal([0, 1], plan.Stages[2].ParentIds.Order());
        Assert.Contains(plan.Stages[2].Operators, o => o.StartsWith("ShuffledHashJoin", StringComparison.Ordinal));
        Assert.Contains(plan.Stages[2].Operators, o => o.StartsWith("Filter", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("string")]
    [InlineData("string and int")]
    [InlineData("enum and string")]
    public void Plan_groupByDictionaryStringKeys_partialAggregationIsSimd(string key)
    {
        var grouped = key switch
        {
            "string" => Source().GroupBy(x => x.Name).Select(g => new { g.Key, Sum = g.Sum(x => x.A) }).Plan(),
            "string and int" => Source().GroupBy(x => new { x.Name, x.Key }).Select(g => new { g.Key, Sum = g.Sum(x => x.A) }).Plan(),
            _ => Source().GroupBy(x => new { x.Kind, x.Name }).Select(g => new { g.Key, Count = g.Count() }).Plan(),
        };

        var partial = grouped.Stages.Single(s => s.IsShuffleMap);
        Assert.True(partial.IsVectorized, partial.NotVectorizedReason);
    }

    [Fact]
    public void Plan_vectorizeOff_saysWhyNotVectorized()
    {
        using var rowMode = SparkSession.Create(new SparkOptions { ExecutorThreads = 1, Vectorize = false });

        var stage = Assert.Single(rowMode.Parallelize(Rows, 2).Where(x => x.A > 10).Select(x => x.A).Plan().Stages);

        Assert.False(stage.IsVectorized);
        Assert.False(string.IsNullOrWhiteSpace(stage.NotVectorizedReason));
    }

    [Fact]
    public void Plan_userMethodInLambda_isNotVectorizedAndSaysWhy()
    {
        var stage = Assert.Single(Source().Where(x => IsEven(x.Id)).Plan().Stages);

        Assert.False(stage.IsVectorized);
        Assert.False(string.IsNullOrWhiteSpace(stage.NotVectorizedReason));
    }

    [Fact]
    public void Explain_groupByAggregate_showsHashExchangeAndPartialAggregation()
    {
        string text = _session.Parallelize(Rows, InputPartitions).GroupBy(x => x.Key).Select(g => new { g.Key, Total = g.Sum(x => x.A) }).Explain();
        _output.WriteLine(text);

        Assert.Contains($"Exchange hashpartitioning(", text, StringComparison.Ordinal);
        Assert.Contains($", {ShufflePartitions})", text, StringComparison.Ordinal);
        Assert.Contains("partial_sum", text, StringComparison.Ordinal);
        Assert.Matches(@"(?<!partial_)sum\(", text);
    }

    [Fact]
    public void Explain_narrowChain_hasNoExchange()
    {
        string text = Source().Where(x => x.Key > 3).Select(x => x.Id).Explain();
        _output.WriteLine(text);

        Assert.DoesNotContain("Exchange", text, StringComparison.Ordinal);
        Assert.Equal(text, Source().Where(x => x.Key > 3).Select(x => x.Id).Plan().Text);
    }

    [Fact]
    public void Explain_groupByAggregate_matchesBaseline()
    {
        string text = Source().GroupBy(x => x.Key).Select(g => new { g.Key, Total = g.Sum(x => x.A) }).Explain();

        AssertBaseline(
            """
            == Physical Plan ==
            (1) HashAggregate(keys=[x.Key], functions=[sum(x.A)])
            +- Exchange hashpartitioning(x.Key, 3)
               +- *(0) HashAggregate(keys=[x.Key], functions=[partial_sum(x.A)])
                  +- *(0) Scan Parallelize[Row] (1000 rows, 4 partitions)

            == Stages ==
            Stage 0: ShuffleMapStage, 4 tasks, vectorized
              Scan Parallelize[Row] (1000 rows, 4 partitions)
              HashAggregate(keys=[x.Key], functions=[partial_sum(x.A)])
            Stage 1: ResultStage, 3 tasks, parents [0], row mode: its input is HashAggregate rows, not column batches
              ShuffleRead hashpartitioning(x.Key, 3)
              HashAggregate(keys=[x.Key], functions=[sum(x.A)])
            """,
            text);
    }

    [Fact]
    public void Explain_narrowChain_matchesBaseline()
    {
        string text = Source().Where(x => x.Key > 3).Select(x => x.Id).Explain();

        AssertBaseline(
            """
            == Physical Plan ==
            *(0) Project x.Id
            +- *(0) Filter (x.Key > 3)
               +- *(0) Scan Parallelize[Row] (1000 rows, 4 partitions)

            == Stages ==
            Stage 0: ResultStage, 4 tasks, vectorized
              Scan Parallelize[Row] (1000 rows, 4 partitions)
              Filter (x.Key > 3)
              Project x.Id
            """,
            text);
    }

    [Fact]
    public void Explain_broadcastJoin_matchesBaseline()
    {
        string text = _session.Parallelize(Rows, 5).Join(_session.Parallelize(TestData.Dims, 2).Broadcast(), x => x.Key, d => d.Key, (x, d) => new { x.Id, d.Label }).Explain();

        AssertBaseline(
            """
            == Physical Plan ==
            *(0) BroadcastHashJoin Inner [x.Item1] = [d.Item1]
            +- *(0) Project (x.Key, x.Id)
            :  +- *(0) Scan Parallelize[Row] (1000 rows, 5 partitions)
            +- BroadcastExchange
               +- Project (d.Key, d.Label)
                  +- Scan Parallelize[Dim] (60 rows, 2 partitions)

            == Stages ==
            Stage 0: ResultStage, 5 tasks, vectorized
              Scan Parallelize[Row] (1000 rows, 5 partitions)
              Project (x.Key, x.Id)
              BroadcastRead
              BroadcastHashJoin Inner [x.Item1] = [d.Item1]
            Broadcast: Project (d.Key, d.Label) (collected by a job of its own first)
            """,
            text);
    }

    [Fact]
    public void Plan_groupJoinCountingItsGroup_readsOnlyTheKeysItNeeds()
    {
        var query = Source().GroupJoin(_session.Parallelize(TestData.Dims, 2), x => x.Key, d => d.Key, (x, ds) => new { x.Id, Count = ds.Count() });

        var text = query.Explain();
        _output.WriteLine(text);

        Assert.Contains("Project d.Key\n", text.ReplaceLineEndings("\n"));
        Assert.Contains("Project (x.Key, x.Id)", text);
        Assert.Contains("[x.Item1] = [Key]", text);
    }

    [Fact]
    public void Plan_joinSideReadThroughAComputedMemberOrNullExtended_isNotNarrowed()
    {
        var computed = _session.Parallelize(Rows.Select(x => new JoinTests.Ratio(x.Id, x.Key)).ToList(), 2)
            .Join(_session.Parallelize(TestData.Dims, 2), x => x.Key, d => d.Key, (x, d) => new { x.Share, d.Label }).Explain();
        var leftJoin = Source().LeftJoin(_session.Parallelize(TestData.Dims, 2), x => x.Key, d => d.Key, (x, d) => new { x.Id, Label = d == null ? null : d.Label }).Explain();
        _output.WriteLine(computed);
        _output.WriteLine(leftJoin);

        Assert.DoesNotContain("Project (x.", computed);
        Assert.Contains("Project (d.Key, d.Label)", computed);
        Assert.Contains("Project (x.Key, x.Id)", leftJoin);
        Assert.DoesNotContain("Project (d.", leftJoin);
    }

    [Fact]
    public void Plan_querySyntaxJoins_carryOnlyTheMembersReadAbove()
    {
        var dims = _session.Parallelize(TestData.Dims, 2);
        var query =
            from x in Source()
            join d in dims on x.Key equals d.Key
            join e in dims on x.Id equals e.Key
            where d.Region > 0
            group x.A by e.Label into g
            select new { g.Key, Sum = g.Sum() };

        var text = query.Explain();
        _output.WriteLine(text);

        // Each side is narrowed to its key and the members read above the joins, and the Where on d moves into d's
        // side once it reads d's member directly; no transparent identifier is built.
        Assert.Contains("Project (x.Key, x.Id, x.A)", text);
        Assert.Contains("Project d.Key\n", text.ReplaceLineEndings("\n"));
        Assert.Contains("Filter (d.Region > ", text);
        Assert.Contains("Project (e.Key, e.Label)", text);
        Assert.DoesNotContain("TransparentIdentifier", text);
    }

    [Fact]
    public void Plan_innerJoinWithTheSideEstimatedSmallerOnTheLeft_buildsLeftAndStreamsTheRight()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        var rows = session.Parallelize(Rows, InputPartitions);
        var dims = session.Parallelize(TestData.Dims, 2);
        var buildsLeft = rows.Where(x => x.Id % 3 == 0 && x.Key > 1 && x.Id > 5 && x.Id < 900 && x.Key != 4)
            .Join(dims, x => x.Key, d => d.Key, (x, d) => new { x.Id, d.Label });
        var buildsRight = rows.Where(x => x.Id % 3 == 0).Join(dims, x => x.Key, d => d.Key, (x, d) => new { x.Id, d.Label });

        var plan = buildsLeft.Plan();
        _output.WriteLine(plan.Text);

        // 1,000 rows halved by each of five conditions are estimated at 31, under the 60 dimension rows: the filtered
        // side is broadcast and the dimension side probes it where it lies, in its own order, not LINQ's.
        Assert.Contains("BroadcastHashJoin Inner (build left)", plan.Text);
        Assert.DoesNotContain("Exchange hashpartitioning", plan.Text);
        Assert.False(plan.IsOrdered);
        Assert.Contains("BroadcastHashJoin Inner [", buildsRight.Explain());
    }

    [Fact]
    public void Plan_compositeAnonymousJoinKey_isComparedAsATuple()
    {
        var text = Source().Join(_session.Parallelize(TestData.Dims, 2), x => new { x.Key, R = x.N }, d => new { d.Key, R = d.Region }, (x, d) => x.Id).Explain();
        _output.WriteLine(text);

        // No object per row: the key is a value tuple of the same members, in the same order.
        Assert.DoesNotContain("new { x.Key", text);
        Assert.Contains("hashpartitioning((x.Item1, x.Item2), 3)", text);
    }

    [Fact]
    public void Plan_narrowJoinOutputsDisabled_carriesTheTransparentIdentifier()
    {
        using var session = SparkSession.Create(new SparkOptions { DisabledRules = new HashSet<string> { "NarrowJoinOutputs" } });
        var query =
            from x in session.Parallelize(Rows, 2)
            join d in session.Parallelize(TestData.Dims, 2) on x.Key equals d.Key
            group x.A by d.Label into g
            select g.Sum();

        // Explain writes the C# the user wrote, so the operators' own descriptions show what the plan carries.
        static string Tree(Linq.Spark.Planning.Physical.ExecNode node) => node.Describe() + string.Concat(node.Children.Select(Tree));
        Assert.Contains("TransparentIdentifier", Tree(session.Provider.PlanFor(query.Expression).Root), StringComparison.Ordinal);
        Assert.DoesNotContain("TransparentIdentifier", query.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_pruneJoinInputsDisabled_joinsWholeRows()
    {
        using var session = SparkSession.Create(new SparkOptions { DisabledRules = new HashSet<string> { "PruneJoinInputs" } });
        var text = session.Parallelize(Rows, 2).Join(session.Parallelize(TestData.Dims, 2), x => x.Key, d => d.Key, (x, d) => new { x.Id, d.Label }).Explain();

        Assert.DoesNotContain("Project", text);
    }

    [Fact]
    public void Plan_existenceShapes_becomeSemiAntiAndMarkJoinsOverKeys()
    {
        var dims = _session.Parallelize(TestData.Dims, 2);
        var semi = Source().Join(dims.Select(d => d.Key).Distinct(), x => x.Key, k => k, (x, k) => x.Id).Explain();
        var anti = (from x in Source() join d in dims on x.Key equals d.Key into ds where !ds.Any() select x.Id).Explain();
        var mark = Source().GroupJoin(dims, x => x.Key, d => d.Key, (x, ds) => new { x.Id, Has = ds.Any() }).Explain();
        _output.WriteLine(semi + anti + mark);

        // The Distinct under the semi join is gone, the filter on the empty group is the anti join, and each build side is its keys.
        Assert.Contains("ShuffledHashJoin Semi", semi);
        Assert.DoesNotContain("Distinct", semi);
        Assert.Contains("ShuffledHashJoin Anti", anti);
        Assert.DoesNotContain("Filter", anti);
        Assert.Contains("Project d.Key", anti);
        Assert.Contains("ShuffledHashJoin Mark", mark);
    }

    [Fact]
    public void Plan_existenceJoinsDisabledOrConditionMayThrowFirst_keepsTheJoinsAsWritten()
    {
        using var session = SparkSession.Create(new SparkOptions { DisabledRules = new HashSet<string> { "ExistenceJoins" } });
        var disabled = session.Parallelize(Rows, 2).Join(session.Parallelize(TestData.Dims, 2).Select(d => d.Key).Distinct(), x => x.Key, k => k, (x, k) => x.Id).Explain();
        var throwsFirst = (
            from x in Source()
            join d in _session.Parallelize(TestData.Dims, 2) on x.Key equals d.Key into ds
            where 100 / x.Key > 0 && !ds.Any()
            select x.Id).Explain();
        var broadcastLeft = _session.Parallelize(TestData.Dims, 2).Broadcast().Join(Source().Select(x => x.Key).Distinct(), d => d.Key, k => k, (d, k) => d.Label).Explain();

        Assert.Contains("Inner", disabled);
        Assert.Contains("Distinct", disabled);

        // A condition that may throw runs on every row first, as in LINQ: the join only marks rows.
        Assert.Contains("Mark", throwsFirst);
        Assert.Contains("Filter", throwsFirst);

        // The user asked for the left side to be built; a semi join would stream it.
        Assert.Contains("BroadcastHashJoin Inner (build left)", broadcastLeft);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private static bool IsEven(int value) => value % 2 == 0;

    private static void AssertBaseline(string expected, string actual) =>
        Assert.Equal(expected.ReplaceLineEndings("\n").TrimEnd(), actual.ReplaceLineEndings("\n").TrimEnd());

    private static StagePlan FinalStage(QueryPlan plan) =>
        Assert.Single(plan.Stages, s => !plan.Stages.Any(other => other.ParentIds.Contains(s.Id)));

    private static void AssertMapThenResult(IReadOnlyList<(int Id, IReadOnlyList<int> ParentIds, int NumTasks, bool IsShuffleMap)> stages, int mapTasks, int resultTasks = ShufflePartitions)
    {
        Assert.Equal(2, stages.Count);
        var map = Assert.Single(stages, s => s.IsShuffleMap);
        var result = Assert.Single(stages, s => !s.IsShuffleMap);
        Assert.Equal(mapTasks, map.NumTasks);
        Assert.Equal(resultTasks, result.NumTasks);
        Assert.Equal([map.Id], result.ParentIds);
        Assert.Empty(map.ParentIds);
    }

    private ISparkQueryable<Row> Source() => _session.Parallelize(Rows, InputPartitions);

    private List<JobInfo> JobsRunBy<T>(Func<T> action)
    {
        int before = _session.CompletedJobs.Count;
        _ = action();
        return _session.CompletedJobs.Skip(before).ToList();
    }
}
