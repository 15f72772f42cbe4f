namespace Linq.Spark.Tests;

/// <summary>
/// Shuffle blocks live in the session's block store while their job runs and are gone when it ends, whether it
/// succeeded, failed or was cancelled; map outputs record where their blocks are and how large, not the rows.
/// </summary>
public sealed class ShuffleServiceTests
{
    private static readonly IReadOnlyList<Row> Rows = TestData.Rows;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Jobs_thatShuffle_leaveNoBlocksBehind(bool encode)
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3, EncodeShuffleBlocks = encode });
        var source = session.Parallelize(Rows, 4);

        var sums = source.GroupBy(x => x.Kind).Select(g => new { g.Key, S = g.Sum(x => x.A) }).ToList();
        var sorted = source.OrderBy(x => x.B).ThenBy(x => x.Id).Select(x => x.Id).ToList();

        Assert.Equal(Rows.GroupBy(x => x.Kind).Count(), sums.Count);
        Assert.Equal(Rows.OrderBy(x => x.B).ThenBy(x => x.Id).Select(x => x.Id), sorted);
        Assert.Equal(0, session.Context.ShuffleBlocks.Count);
        Assert.All(session.CompletedJobs.SelectMany(j => j.Stages).Where(s => s.IsShuffleMap), s => Assert.True(s.ShuffleWriteBytes > 0));
    }

    [Fact]
    public void Job_thatFailsAfterItsShuffle_leavesNoBlocksBehind()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3, EncodeShuffleBlocks = true });

        var error = Assert.Throws<SparkJobException>(() =>
            session.Parallelize(Rows, 4).GroupBy(x => x.Key).Select(g => 100 / (g.Key - TestData.SkewedKey)).ToList());

        Assert.IsType<DivideByZeroException>(error.InnerException);
        Assert.Equal(0, session.Context.ShuffleBlocks.Count);
    }

    [Fact]
    public async Task Job_cancelledWhileItShuffles_leavesNoBlocksBehind()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3 });
        using var cancel = new CancellationTokenSource();
        var started = new ManualResetEventSlim();
        var query = session.Parallelize(Rows, 8)
            .Select(x => Slow(x, started))
            .GroupBy(x => x.Key)
            .Select(g => g.Count());

        var run = query.ToListAsync(cancel.Token);
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(0, session.Context.ShuffleBlocks.Count);
    }

    private static Row Slow(Row row, ManualResetEventSlim started)
    {
        started.Set();
        Thread.Sleep(1);
        return row;
    }
}
