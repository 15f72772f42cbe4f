using System.Collections.Concurrent;

namespace Linq.Spark.Tests;

/// <summary>
/// Jobs on the calling thread (<see cref="SparkOptions.InlineJobThresholdRows"/>): which jobs run there, that every
/// stage and broadcast of such a job does, that a failure stops it before its next task and a retry still happens, and
/// the retained-jobs limit of <see cref="SparkSession.CompletedJobs"/>.
/// </summary>
[Collection(NonParallelCollection.Name)]
public sealed class InlineJobTests : IDisposable
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    private readonly TempFolder _folder = new();

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SynchronousJobOverFewRows_runsEveryTaskOnTheCallingThread()
    {
        using var session = Session(new SparkOptions { ExecutorThreads = 2 });
        var events = Listen(session);
        var threads = new ThreadRecorder();

        var sum = session.Parallelize(Rows, 4).Where(x => threads.Record(x).Key < 5).Sum(x => x.A);

        Assert.Equal(Rows.Where(x => x.Key < 5).Sum(x => x.A), sum);
        Assert.Equal([Environment.CurrentManagedThreadId], threads.Seen);
        Assert.Equal(4, events.TaskEnds.Count);
        Assert.All(events.TaskEnds, t => Assert.Equal(-1, t.ExecutorSlot));
    }

    [Fact]
    public async Task AsynchronousJob_runsOnTheExecutors()
    {
        using var session = Session(new SparkOptions { ExecutorThreads = 2 });
        var events = Listen(session);
        var threads = new ThreadRecorder();
        var caller = Environment.CurrentManagedThreadId;

        var rows = await session.Parallelize(Rows, 4).Select(x => threads.Record(x)).ToListAsync();

        Assert.Equal(Rows, rows);
        Assert.DoesNotContain(caller, threads.Seen);
        Assert.All(events.TaskEnds, t => Assert.InRange(t.ExecutorSlot, 0, 1));
    }

    [Theory]
    [InlineData(1000, true)]
    [InlineData(999, false)]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    public void Threshold_countsTheRowsOfEverySource(long threshold, bool inline)
    {
        using var session = Session(new SparkOptions { ExecutorThreads = 2, InlineJobThresholdRows = threshold });
        var events = Listen(session);
        var left = session.Parallelize(Rows.Take(600), 2);
        var right = session.Parallelize(Rows.Skip(600), 3);

        var count = left.Concat(right).Count(x => x.Key > 3);

        Assert.Equal(Rows.Count(x => x.Key > 3), count);
        Assert.Equal(5, events.TaskEnds.Count);
        Assert.All(events.TaskEnds, t => Assert.Equal(inline, t.ExecutorSlot == -1));
    }

    [Fact]
    public void EmptySources_runInlineAtThresholdZero_andNotAtMinusOne()
    {
        using var zero = Session(new SparkOptions { ExecutorThreads = 2, InlineJobThresholdRows = 0 });
        using var never = Session(new SparkOptions { ExecutorThreads = 2, InlineJobThresholdRows = -1 });
        var zeroEvents = Listen(zero);
        var neverEvents = Listen(never);

        Assert.Equal(0, zero.Parallelize(Array.Empty<Row>(), 2).Count());
        Assert.Equal(0, never.Parallelize(Array.Empty<Row>(), 2).Count());

        Assert.All(zeroEvents.TaskEnds, t => Assert.Equal(-1, t.ExecutorSlot));
        Assert.All(neverEvents.TaskEnds, t => Assert.InRange(t.ExecutorSlot, 0, 1));
        Assert.Equal(2, zeroEvents.TaskEnds.Count);
        Assert.Equal(2, neverEvents.TaskEnds.Count);
    }

    [Fact]
    public void InlineJob_runsItsShuffleStagesAndBroadcastJobsOnTheCallingThread()
    {
        using var session = Session(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3 });
        var events = Listen(session);
        var threads = new ThreadRecorder();
        var keys = session.Parallelize(Enumerable.Range(0, 4).ToList(), 2);

        var result = session.Parallelize(Rows, 4)
            .Select(x => threads.Record(x))
            .Join(keys, x => x.Key, k => k, (x, k) => x)
            .GroupBy(x => x.Kind)
            .Select(g => new { g.Key, Sum = g.Sum(x => x.A) })
            .ToList();

        var expected = Rows.Where(x => x.Key is >= 0 and < 4).GroupBy(x => x.Kind).Select(g => new { g.Key, Sum = g.Sum(x => x.A) });
        Assert.Equal(expected.OrderBy(x => x.Key), result.OrderBy(x => x.Key));
        Assert.Equal([Environment.CurrentManagedThreadId], threads.Seen);
        Assert.True(events.JobEnds.Count >= 2, "the broadcast side is a job of its own");
        Assert.Contains(events.JobEnds, j => j.Stages.Count >= 2);
        Assert.All(events.TaskEnds, t => Assert.Equal(-1, t.ExecutorSlot));
    }

    [Fact]
    public void InlineJob_failingTask_stopsTheJobBeforeItsNextTaskStarts()
    {
        using var session = Session(new SparkOptions { ExecutorThreads = 2 });
        var events = Listen(session);
        var seen = new CallCounter();

        // Partitions of 250 rows: row 300 fails the second task; the third and fourth never start.
        var error = Assert.Throws<SparkJobException>(() => session.Parallelize(Rows, 4).Select(x => Probes.ThrowIfId(seen.Count(x), 300)).ToList());

        Assert.Equal(1, error.PartitionId);
        Assert.Equal(301, seen.Calls);
        Assert.Equal([0, 1], events.TaskStarts.Select(t => t.PartitionId));
        Assert.False(Assert.Single(session.CompletedJobs).Succeeded);
    }

    [Fact]
    public void InlineJob_retriesAFailedTaskOnTheCallingThread()
    {
        using var session = Session(new SparkOptions { ExecutorThreads = 2, MaxTaskFailures = 2 });
        var events = Listen(session);
        var trap = new FailOnceTrap(600);

        var rows = session.Parallelize(Rows, 4).Select(x => trap.Pass(x)).ToList();

        Assert.Equal(Rows, rows);
        Assert.Equal(1, trap.Failures);
        Assert.Equal(5, events.TaskEnds.Count);
        Assert.Contains(events.TaskEnds, t => t.PartitionId == 2 && t.Attempt == 2 && t.Error is null && t.ExecutorSlot == -1);
        Assert.Equal(1, Assert.Single(Assert.Single(session.CompletedJobs).Stages).FailedTaskAttempts);
    }

    [Fact]
    public void JobThatReadsFiles_runsOnTheExecutors()
    {
        using var session = Session(new SparkOptions { ExecutorThreads = 2 });
        var folder = _folder["rows"];
        session.Parallelize(Rows.Take(10).Select(x => new { x.Id, x.Key }).ToList(), 2).WriteParquet(folder);
        var events = Listen(session);

        var keys = session.ReadParquet<KeyRow>(folder).Sum(x => x.Key);

        Assert.Equal(Rows.Take(10).Sum(x => x.Key), keys);
        Assert.NotEmpty(events.TaskEnds);
        Assert.All(events.TaskEnds, t => Assert.InRange(t.ExecutorSlot, 0, 1));
    }

    [Fact]
    public void CompletedJobs_keepsTheLastRetainedJobs()
    {
        using var session = Session(new SparkOptions { ExecutorThreads = 2, RetainedJobs = 3 });
        var source = session.Parallelize(Rows, 2);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(Rows.Count(x => x.Key > i), source.Count(x => x.Key > i));
        }

        Assert.Equal([2, 3, 4], session.CompletedJobs.Select(j => j.JobId));
    }

    [Theory]
    [InlineData(nameof(SparkOptions.InlineJobThresholdRows))]
    [InlineData(nameof(SparkOptions.RetainedJobs))]
    public void Options_outOfRange_nameTheSetting(string setting)
    {
        var options = setting == nameof(SparkOptions.RetainedJobs) ? new SparkOptions { RetainedJobs = -1 } : new SparkOptions { InlineJobThresholdRows = -2 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SparkSession.Create(options));

        Assert.Contains($"SparkOptions.{setting}", error.Message, StringComparison.Ordinal);
    }

    private static SparkSession Session(SparkOptions options) => SparkSession.Create(options);

    private static EventRecorder Listen(SparkSession session)
    {
        var events = new EventRecorder();
        session.AddListener(events);
        return events;
    }

    /// <summary>A Parquet row of two of <see cref="Row"/>'s members.</summary>
    public sealed record KeyRow(int Id, int Key);

    /// <summary>Records the managed thread ids a query lambda ran on.</summary>
    public sealed class ThreadRecorder
    {
        private readonly ConcurrentDictionary<int, bool> _threads = new();

        /// <summary>The distinct thread ids seen, in ascending order.</summary>
        public IReadOnlyList<int> Seen => [.. _threads.Keys.Order()];

        /// <summary>Records the current thread and returns <paramref name="row"/>; called from inside query lambdas.</summary>
        public Row Record(Row row)
        {
            _threads.TryAdd(Environment.CurrentManagedThreadId, true);
            return row;
        }
    }
}
