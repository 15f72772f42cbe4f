using System.Globalization;
using System.Text.RegularExpressions;

namespace Linq.Spark.Tests;

/// <summary>
/// ExplainAnalyze against LINQ to Objects: every counted operator's rows equal the count of the same query prefix, at
/// every oracle size and partition count, with SIMD kernels (one batch), row mode (4-row batches) and shipped plans
/// (13-row batches) — so the SIMD kernels' popcounts, a limit's early exit and the row kernels agree.
/// </summary>
public sealed partial class ExplainAnalyzeTests(SessionFixture sessions) : IClassFixture<SessionFixture>
{
    private static readonly ExecutionMode[] Modes = [ExecutionMode.Vectorized, ExecutionMode.RowMode, ExecutionMode.ShippedPlan, ExecutionMode.ParquetFiles];

    public static TheoryData<ExecutionMode> AllModes => [.. Modes];

    [Theory]
    [MemberData(nameof(AllModes))]
    public void Filters_countTheRowsTheyKeep(ExecutionMode mode) => ForEachCase(mode, (rows, source) =>
    {
        var text = source.Where(r => r.A > 3).Select(r => r.B).Where(b => b < 2).ExplainAnalyze();

        Assert.Equal(rows.Count(r => r.A > 3), RowsOf(text, "Filter (r.A > 3)"));
        Assert.Equal(rows.Count(r => r.A > 3 && r.B < 2), RowsOf(text, "Filter (b < 2)"));
        if (mode == ExecutionMode.ParquetFiles)
        {
            // Row groups whose statistics rule the filter out are not read.
            Assert.InRange(RowsOf(text, "Scan "), rows.Count(r => r.A > 3), rows.Count);
        }
        else
        {
            Assert.Equal(rows.Count, RowsOf(text, "Scan "));
        }

        Assert.Equal(rows.Count(r => r.A > 3 && r.B < 2), ResultRows(text));
        Assert.DoesNotMatch(@"Project .*\[rows", text);
    });

    [Theory]
    [MemberData(nameof(AllModes))]
    public void Aggregation_countsPartialRowsTheShuffleAndFinalGroups(ExecutionMode mode) => ForEachCase(mode, (rows, source, partitions) =>
    {
        var text = source.Where(r => r.B > -5).GroupBy(r => r.Key).Select(g => new { g.Key, Sum = g.Sum(x => x.A) }).ExplainAnalyze();

        var kept = rows.Where(r => r.B > -5).ToList();
        Assert.Equal(kept.Count, RowsOf(text, "Filter (r.B > -5)"));
        var partial = RowsOf(text, "HashAggregate(keys=[r.Key], functions=[partial_sum");
        Assert.InRange(partial, kept.Select(r => r.Key).Distinct().Count(), kept.Count);
        Assert.Equal(kept.Select(r => r.Key).Distinct().Count(), RowsOf(text, "HashAggregate(keys=[r.Key], functions=[sum"));
        if (partitions > 1)
        {
            // One partition needs no shuffle: the final aggregate reads the partial one's rows in the same stage.
            Assert.Equal(partial, RowsOf(text, "Exchange hashpartitioning"));
            Assert.Matches(string.Create(CultureInfo.InvariantCulture, $@"shuffle write {partial:N0} rows"), text);
        }
    });

    [Theory]
    [MemberData(nameof(AllModes))]
    public void Limit_countsOnlyTheRowsReadBeforeEachPartitionStopped(ExecutionMode mode) => ForEachCase(mode, (rows, source, partitions) =>
    {
        var text = source.Where(r => r.Key == TestData.SkewedKey).Take(3).ExplainAnalyze();

        // Each partition's kernel stops once its limit is reached: its filter handed on at most 3 rows.
        var expected = Enumerable.Range(0, partitions)
            .Sum(p => Math.Min(3, Slice(rows, p, partitions).Count(r => r.Key == TestData.SkewedKey)));
        Assert.Equal(expected, RowsOf(text, "Filter (r.Key == 7)"));
        Assert.Equal(expected, RowsOf(text, "LocalLimit 3"));
        Assert.Equal(Math.Min(3, rows.Count(r => r.Key == TestData.SkewedKey)), RowsOf(text, "GlobalLimit"));
    });

    [Theory]
    [MemberData(nameof(AllModes))]
    public void Join_countsMatchesAndTheBroadcastSide(ExecutionMode mode) => ForEachCase(mode, (rows, source) =>
    {
        var session = sessions.Get(mode);
        var text = source.Where(r => r.A > 0)
            .Join(session.Parallelize(TestData.Dims, 2), r => r.Key, d => d.Key, (r, d) => new { r.Id, d.Region })
            .ExplainAnalyze();

        var expected = rows.Where(r => r.A > 0).Join(TestData.Dims, r => r.Key, d => d.Key, (r, d) => r.Id).Count();
        Assert.Equal(rows.Count(r => r.A > 0), RowsOf(text, "Filter (r.A > 0)"));
        Assert.Equal(expected, RowsOf(text, "HashJoin Inner"));
        Assert.Equal(expected, ResultRows(text));
    });

    [Theory]
    [MemberData(nameof(AllModes))]
    public void TopN_countsEachPartitionsCandidatesAndTheDriversCut(ExecutionMode mode) => ForEachCase(mode, (rows, source, partitions) =>
    {
        var text = source.OrderByDescending(r => r.A).ThenBy(r => r.Id).Take(5).ExplainAnalyze();

        var expected = Enumerable.Range(0, partitions).Sum(p => Math.Min(5, Slice(rows, p, partitions).Count()));
        Assert.Equal(expected, RowsOf(text, "PartialTopN"));
        Assert.Equal(Math.Min(5, rows.Count), RowsOf(text, "(driver) TopN"));
        Assert.Contains("Driver: final steps took", text);
    });

    [Fact]
    public void OperatorMetrics_everyJobReportsEachStagesOperatorRowsInTheOrderOfItsPlannedOperators()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3, OperatorMetrics = true });
        var recorder = new EventRecorder();
        session.AddListener(recorder);

        _ = session.Parallelize(TestData.Rows, 4).Where(r => r.B > -5).GroupBy(r => r.Key).Select(g => new { g.Key, Sum = g.Sum(x => x.A) }).ToList();

        var kept = TestData.Rows.Where(r => r.B > -5).ToList();
        var planned = Assert.Single(recorder.JobSubmissions).Stages;
        var done = Assert.Single(recorder.JobEnds).Stages;
        Assert.All(done, s => Assert.Equal(planned.Single(p => p.Id == s.StageId).Operators.Count, s.OperatorRows.Count));
        (string Operator, long? Rows)[] Rows(bool shuffleMap)
        {
            var stage = done.Single(s => s.IsShuffleMap == shuffleMap);
            return [.. planned.Single(p => p.Id == stage.StageId).Operators.Zip(stage.OperatorRows)];
        }

        var map = Rows(shuffleMap: true);
        Assert.Equal(TestData.Rows.Count, map.Single(o => o.Operator.StartsWith("Scan ", StringComparison.Ordinal)).Rows);
        Assert.Equal(kept.Count, map.Single(o => o.Operator.StartsWith("Filter ", StringComparison.Ordinal)).Rows);
        var partial = map.Single(o => o.Operator.Contains("partial_sum", StringComparison.Ordinal)).Rows;
        Assert.Equal(done.Single(s => s.IsShuffleMap).ShuffleWriteRows, partial);
        var result = Rows(shuffleMap: false);
        Assert.Equal(partial, result.Single(o => o.Operator.StartsWith("Exchange", StringComparison.Ordinal)).Rows);
        Assert.Equal(kept.Select(r => r.Key).Distinct().Count(), result.Single(o => o.Operator.Contains("functions=[sum", StringComparison.Ordinal)).Rows);
    }

    [Fact]
    public void OperatorsOverAnEmptyShuffle_countZeroRows()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3 });

        // No row passes the first filter: the reducers read no column batch at all, and their filter still ran, over nothing.
        var text = session.Parallelize(TestData.Rows, 4).Where(r => r.A > long.MaxValue - 1).Repartition(3).Where(r => r.Key > 0).ExplainAnalyze();

        Assert.Equal(0, RowsOf(text, "Filter (r.Key > 0)"));
        Assert.Equal(0, RowsOf(text, "Exchange roundrobinpartitioning"));
    }

    [Fact]
    public void DeferredMapFailureRetried_isCountedOnce()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, MaxTaskFailures = 3, InlineJobThresholdRows = -1, BatchSize = 4 });
        var trap = new FailOnceTrap(650);

        // Reverse gathers its input in order through an exchange that defers a map task's failure to its reader;
        // the failing attempt counted its batches before the trap's row, and only the retry's count is kept.
        var text = session.Parallelize(TestData.Rows, 4).Where(r => r.A > 3).Select(r => trap.Pass(r)).Reverse().ExplainAnalyze();

        Assert.Equal(1, trap.Failures);
        Assert.Equal(TestData.Rows.Count(r => r.A > 3), RowsOf(text, "Filter (r.A > 3)"));
    }

    [Fact]
    public void WithoutOperatorMetrics_jobsReportNoOperatorRows()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3 });

        _ = session.Parallelize(TestData.Rows, 4).Where(r => r.B > -5).GroupBy(r => r.Key).Select(g => g.Count()).ToList();

        Assert.All(session.CompletedJobs.Single().Stages, s => Assert.Empty(s.OperatorRows));
    }

    [Fact]
    public void RetriedTask_isCountedOnce()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, MaxTaskFailures = 3, InlineJobThresholdRows = -1 });
        var trap = new FailOnceTrap(5, 600);

        var text = session.Parallelize(TestData.Rows, 4).Select(r => trap.Pass(r)).Where(r => r.A > 3).ExplainAnalyze();

        Assert.Equal(2, trap.Failures);
        Assert.Equal(TestData.Rows.Count(r => r.A > 3), RowsOf(text, "Filter (r.A > 3)"));
        Assert.Contains("2 failed attempts", text);
    }

    [Fact]
    public void CachedInput_marksTheStagesThatDidNotRunAsSkipped()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3 });
        var counts = session.Parallelize(TestData.Rows, 4).GroupBy(r => r.Key).Select(g => new { g.Key, Count = g.Count() }).Cache();
        _ = counts.ToList();

        var text = counts.Where(c => c.Count > 1).ExplainAnalyze();

        Assert.Contains("skipped: its input was cached", text);
        Assert.Equal(TestData.Rows.GroupBy(r => r.Key).Count(g => g.Count() > 1), RowsOf(text, "Filter (c.Count > 1)"));
        Assert.DoesNotMatch(@"Scan .*\[rows", text);
    }

    [Fact]
    public void CacheHitInTheStage_countsTheCachedRowsAndNotTheScanBeneath()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        var cached = session.Parallelize(TestData.Rows, 3).Cache();
        _ = cached.Count();

        var text = cached.Where(r => r.Key == TestData.SkewedKey).ExplainAnalyze();

        Assert.Equal(TestData.Rows.Count, RowsOf(text, "InMemoryRelation"));
        Assert.Equal(TestData.Rows.Count(r => r.Key == TestData.SkewedKey), RowsOf(text, "Filter (r.Key == 7)"));
        Assert.DoesNotMatch(@"Scan .*\[rows", text);
    }

    [Fact]
    public async Task ExplainAnalyzeAsync_runsOnTheExecutorsAndLeavesExplainAsItWas()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        var query = session.Parallelize(TestData.Rows, 3).Where(r => r.N != null).Select(r => r.Name);
        var before = query.Explain();

        var text = await query.ExplainAnalyzeAsync();

        Assert.Equal(TestData.Rows.Count(r => r.N != null), RowsOf(text, "Filter (r.N != null)"));
        Assert.Contains("ran: stage", text);
        Assert.Equal(before, query.Explain());
        Assert.DoesNotContain("[rows", before);
        Assert.DoesNotContain("ran: stage", before);
    }

    /// <summary>Runs the check at every oracle size and partition count.</summary>
    private void ForEachCase(ExecutionMode mode, Action<IReadOnlyList<Row>, IQueryable<Row>, int> check)
    {
        foreach (var size in TestData.Sizes)
        {
            foreach (var partitions in TestData.Partitions)
            {
                var rows = TestData.Prefix(TestData.Rows, size);
                try
                {
                    check(rows, sessions.Source(mode, rows, partitions), partitions);
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"{mode}, {size} rows, {partitions} partitions: {e.Message}");
                }
            }
        }
    }

    private void ForEachCase(ExecutionMode mode, Action<IReadOnlyList<Row>, IQueryable<Row>> check) =>
        ForEachCase(mode, (rows, source, _) => check(rows, source));

    /// <summary>The rows of partition <paramref name="p"/> of a parallelized or written source: an even split, in order.</summary>
    private static IEnumerable<Row> Slice(IReadOnlyList<Row> rows, int p, int partitions) =>
        rows.Skip(rows.Count * p / partitions).Take((rows.Count * (p + 1) / partitions) - (rows.Count * p / partitions));

    /// <summary>The rows counted for the first operator line of the printed tree that contains <paramref name="operatorText"/>.</summary>
    private static long RowsOf(string text, string operatorText)
    {
        var tree = text[..text.IndexOf("== Stages ==", StringComparison.Ordinal)];
        var line = tree.Split('\n').FirstOrDefault(l => l.Contains(operatorText, StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"No operator '{operatorText}' in:\n{text}");
        var match = RowCount().Match(line);
        Assert.True(match.Success, $"No row count on '{line.Trim()}' in:\n{text}");
        return long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    private static long ResultRows(string text) =>
        long.Parse(ResultLine().Match(text).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\[rows ([\d,]+)[,\]]")]
    private static partial Regex RowCount();

    [GeneratedRegex(@"Result: ([\d,]+) rows")]
    private static partial Regex ResultLine();
}
