using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>
/// The batched join probe (a stage's rows gathered with their keys, looked up for the whole batch, then the join and
/// what is above it run over the matches) against LINQ: every shape in every mode, row mode being the same queries
/// without it. It must keep LINQ's order, its exceptions at LINQ's row, and a limit's stop.
/// </summary>
public sealed class BatchedProbeTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    private static IReadOnlyList<Dim> Dims => TestData.Dims;

    /// <inheritdoc />
    protected override IReadOnlyList<ExecutionMode> Modes { get; } =
        [ExecutionMode.Vectorized, ExecutionMode.RowMode, ExecutionMode.NoAutoBroadcast, ExecutionMode.ShippedPlan];

    [Fact]
    public void SimdFilterThenJoin_matchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.Where(x => x.B > 0 && x.A < 800).Join(r, x => x.Key, d => d.Key, (x, d) => new { x.Id, d.Label }));

    [Fact]
    public void ProjectionAndFilterBelowTheJoin_areRecomputedForTheMatches() =>
        AssertQuery(Rows, Dims, (l, r) => l.Select(x => new { x.Id, K = x.Key + 1, Twice = x.A * 2 }).Where(p => p.K > 3)
            .Join(r, p => p.K, d => d.Key, (p, d) => new { p.Id, p.Twice, d.Region }));

    [Fact]
    public void LongKeyComputedWithoutThrowing_matchesLinq() =>
        AssertQuery(Rows, Dims, (l, r) => l.Join(r, x => x.A % 40, d => (long)d.Key, (x, d) => new { x.Id, d.Label }));

    [Fact]
    public void DuplicateBuildKeys_everyMatchInBuildOrder() =>
        AssertQuery(Rows, Dims, (l, r) => l.Where(x => x.Key == TestData.SkewedKey || x.Key == 3 || x.Key == 11).Join(r, x => x.Key, d => d.Key, (x, d) => x.Id + ":" + d.Label));

    [Fact]
    public void JoinThenAggregate_matchesLinq() =>
        AssertScalar(Rows, q => q.Where(x => x.B > -3).Join(TestData.Dims, x => x.Key, d => d.Key, (x, d) => x.A * d.Key).Sum());

    [Fact]
    public void TwoJoinsInOneStage_matchesLinq() =>
        AssertScalar(Rows, q => q.Join(TestData.Dims, x => x.Key, d => d.Key, (x, d) => new { x.Id, x.A, d.Region })
            .Join(TestData.Dims, p => p.Id % 50, d => d.Key, (p, d) => p.A + d.Key).Sum());

    [Fact]
    public void LimitAboveTheJoin_stopsTheStageWithTheRowsItNeeds() =>
        AssertScalar(Rows, q => q.Where(x => x.B > 0).Join(TestData.Dims, x => x.Key, d => d.Key, (x, d) => new { x.Id, d.Label }).Take(5).Count());

    [Fact]
    public void LimitAboveTheJoin_takesRowsOfTheJoin()
    {
        // A join's output order is not LINQ's (the contract leaves it open, as Spark's), so Take may pick any matches.
        var session = Session(ExecutionMode.Vectorized);
        var all = Rows.Where(x => x.B > 0).Join(Dims, x => x.Key, d => d.Key, (x, d) => (x.Id, d.Label)).ToList();

        var taken = session.Parallelize(Rows, 3).Where(x => x.B > 0).Join(session.Parallelize(Dims, 2), x => x.Key, d => d.Key, (x, d) => ValueTuple.Create(x.Id, d.Label)).Take(7).ToList();

        Assert.Equal(7, taken.Count);
        Assert.All(taken, row => Assert.Contains(row, all));
        Assert.Equal(taken.Count, taken.Distinct().Count());
    }

    [Fact]
    public void ResultSelectorThatThrows_throwsAtLinqsRow() =>
        AssertQuery(Rows, Dims, (l, r) => l.Where(x => x.B > 0).Join(r, x => x.Key, d => d.Key, (x, d) => 1000 / (x.Id - 600)));

    [Theory]
    [InlineData(ExecutionMode.Vectorized)]
    [InlineData(ExecutionMode.RowMode)]
    public void ThrowingFilterBelowAndThrowingSelectorAbove_raiseLinqsFirstError(ExecutionMode mode)
    {
        // Broadcast, so both run in one stage, row after row, as in LINQ (a shuffled join runs the filter on every row
        // before the shuffle). The filter may throw, so the stage is not gathered ahead of the selector.
        var session = Session(mode);
        var dims = session.Parallelize(Dims, 2).Broadcast();
        var query = session.Parallelize(Rows, 3).Where(x => 10 / (x.Id - 700) != 3).Join(dims, x => x.Key, d => d.Key, (x, d) => x.Name!.Length + d.Key);

        Assert.Throws<NullReferenceException>(() => Rows.Where(x => 10 / (x.Id - 700) != 3).Join(Dims, x => x.Key, d => d.Key, (x, d) => x.Name!.Length + d.Key).ToList());
        var error = Assert.Throws<SparkJobException>(() => query.ToList());
        Assert.IsType<NullReferenceException>(error.InnerException);
    }

    [Fact]
    public void KeyThatMayThrow_answersAsLinqInRowCode() =>
        AssertQuery(Rows, Dims, (l, r) => l.Join(r, x => 1000 / (x.Id - 400), d => d.Key, (x, d) => new { x.Id, d.Label }));

    [Fact]
    public void SemiAntiAndMarkJoins_matchLinq()
    {
        AssertQuery(Rows, Dims, (l, r) => l.Where(x => x.A > 10).GroupJoin(r, x => x.Key, d => d.Key, (x, ds) => new { x.Id, Has = ds.Any() }));
        AssertQuery(Rows, Dims, (l, r) => l.GroupJoin(r, x => x.Key, d => d.Key, (x, ds) => new { x, ds }).Where(t => !t.ds.Any()).Select(t => t.x.Id));
        AssertQuery(Rows, Dims, (l, r) => l.Join(r.Select(d => d.Key).Distinct(), x => x.Key, k => k, (x, k) => x.Id));
    }

    [Fact]
    public void LeftAndRightJoins_matchLinq()
    {
        AssertQuery(Rows, Dims, (l, r) => l.Where(x => x.B > 0).LeftJoin(r, x => x.Key, d => d.Key, (x, d) => new { x.Id, Label = d == null ? null : d.Label }));
        AssertQuery(Dims, Rows, (l, r) => l.RightJoin(r.Where(x => x.A < 900), d => d.Key, x => x.Key, (d, x) => new { x.Id, Label = d == null ? null : d.Label }));
    }

    [Fact]
    public void Explain_showsTheProbeStageVectorized_andAJoinOnAStringKeyInRowMode()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        var rows = session.Parallelize(Rows, 3);
        var dims = session.Parallelize(Dims, 2).Broadcast();

        var intKey = rows.Where(x => x.B > 0).Join(dims, x => x.Key, d => d.Key, (x, d) => x.Id).Explain();
        var stringKey = rows.Join(dims, x => x.Name, d => d.Label, (x, d) => x.Id).Explain();

        Assert.Matches(@"Stage \d+: ResultStage, 3 tasks, vectorized", intKey);
        Assert.Contains("row mode", stringKey);
    }
}
