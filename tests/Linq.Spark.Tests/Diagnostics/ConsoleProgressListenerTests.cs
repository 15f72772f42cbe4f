namespace Linq.Spark.Tests;

/// <summary>Spark's console progress bar as a listener: its text, the in-place bar on a terminal, and one line per stage every few seconds elsewhere.</summary>
/// <remarks>In the non-parallel collection: one test waits for the listener's real timer during a slow job.</remarks>
[Collection(NonParallelCollection.Name)]
public sealed class ConsoleProgressListenerTests
{
    [Fact]
    public void Format_drawsCompletedAndRunningTasksAsSparkDoes()
    {
        Assert.Equal("[Stage 3:=====>           (12 + 2) / 40]", ConsoleProgressListener.Format([(3, 12, 2, 40)], 40));
        Assert.Equal("[Stage 1:> (0 + 2) / 4][Stage 2:=>(2 + 0) / 4]", ConsoleProgressListener.Format([(1, 0, 2, 4), (2, 2, 0, 4)], 46));
    }

    [Fact]
    public void Terminal_drawsAStageOnlyAfter500Ms_andErasesItWhenTheStageEnds()
    {
        var time = new ManualTime();
        var writer = new StringWriter();
        using var bar = new ConsoleProgressListener(writer, interactive: true, 40, time);
        Start(bar, stageId: 3, tasks: 40, running: 14, completed: 12);

        time.Advance(TimeSpan.FromMilliseconds(400));
        bar.Refresh();
        Assert.Equal("", writer.ToString());

        time.Advance(TimeSpan.FromMilliseconds(200));
        bar.Refresh();
        Assert.Equal("\r[Stage 3:=====>           (12 + 2) / 40]", writer.ToString());

        ((ISparkListener)bar).OnStageCompleted(0, new StageInfo(3, [], 40, false, 0, 0, 0, TimeSpan.FromSeconds(1)));
        Assert.EndsWith("\r" + new string(' ', 40) + "\r", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NotATerminal_writesALinePerStageAtMostEveryFiveSeconds()
    {
        var time = new ManualTime();
        var writer = new StringWriter();
        using var bar = new ConsoleProgressListener(writer, interactive: false, 40, time);
        Start(bar, stageId: 3, tasks: 40, running: 14, completed: 12);

        time.Advance(TimeSpan.FromMilliseconds(600));
        bar.Refresh();
        time.Advance(TimeSpan.FromSeconds(1));
        ((ISparkListener)bar).OnTaskEnd(new TaskInfo(0, 3, 12, 1, 0, TimeSpan.Zero, null));
        bar.Refresh();
        Assert.Equal(["[Stage 3:=====>           (12 + 2) / 40]"], Lines(writer));

        time.Advance(TimeSpan.FromSeconds(4));
        bar.Refresh();
        Assert.Equal(["[Stage 3:=====>           (12 + 2) / 40]", "[Stage 3:=====>           (13 + 1) / 40]"], Lines(writer));

        ((ISparkListener)bar).OnStageCompleted(0, new StageInfo(3, [], 40, false, 0, 0, 0, TimeSpan.FromSeconds(6)));
        time.Advance(TimeSpan.FromSeconds(10));
        bar.Refresh();
        Assert.Equal(2, Lines(writer).Length);
        Assert.DoesNotContain('\r', writer.ToString());
    }

    [Fact]
    public void OnASession_reportsASlowStage()
    {
        var writer = new StringWriter();
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        using (var bar = new ConsoleProgressListener(writer, interactive: false, 60))
        {
            session.AddListener(bar);
            Assert.Equal(4, session.Parallelize(Enumerable.Range(0, 4).ToList(), 4).Select(x => Probes.Slow(x, 500)).Count());
        }

        Assert.Matches(@"^\[Stage 0:=*>? *\(\d \+ \d\) / 4\]$", Assert.Single(Lines(writer)));
    }

    private static void Start(ISparkListener bar, int stageId, int tasks, int running, int completed)
    {
        bar.OnStageSubmitted(0, stageId, tasks);
        for (var i = 0; i < running; i++)
        {
            bar.OnTaskStart(0, stageId, i, 1);
        }

        for (var i = 0; i < completed; i++)
        {
            bar.OnTaskEnd(new TaskInfo(0, stageId, i, 1, 0, TimeSpan.Zero, null));
        }
    }

    private static string[] Lines(StringWriter writer) => writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A clock that moves only when told, and timers that never fire, so the bar draws only on Refresh.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverTimer();

        private sealed class NeverTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
