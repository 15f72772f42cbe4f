using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Linq.Spark.Tests;

/// <summary>
/// What a session reports to OpenTelemetry (spans of jobs, stages and task attempts; counters and the task-duration
/// histogram), read back through the SDK's in-memory exporter, and what it logs, read back through a fake logger.
/// </summary>
/// <remarks>In the non-parallel collection: the meter is the process's, and other tests' jobs would add to its counters.</remarks>
[Collection(NonParallelCollection.Name)]
public sealed class TelemetryTests
{
    private static readonly ActivitySource TestSource = new("Linq.Spark.Tests");

    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void Job_withAShuffle_tracesJobStageAndTaskSpansUnderTheCallersSpan()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(SparkTelemetry.Name, TestSource.Name).AddInMemoryExporter(spans).Build();
        using var session = Session();

        List<(int Key, int Count)> counts;
        Activity root;
        using (root = TestSource.StartActivity("request")!)
        {
            counts = [.. session.Parallelize(Rows, 4).GroupBy(x => x.Key % 5).Select(g => ValueTuple.Create(g.Key, g.Count()))];
            Assert.Same(root, Activity.Current);
        }

        tracing.ForceFlush();
        var job = Assert.Single(spans, s => s.DisplayName == "Linq.Spark job");
        var info = Assert.Single(session.CompletedJobs);
        Assert.Equal(root.SpanId, job.ParentSpanId);
        Assert.Equal(root.TraceId, job.TraceId);
        Assert.Equal(info.JobId, job.GetTagItem(SparkTelemetry.JobId));
        Assert.Equal(ActivityStatusCode.Unset, job.Status);

        var stages = spans.Where(s => s.DisplayName == "Linq.Spark stage").ToList();
        Assert.Equal(2, stages.Count);
        Assert.All(stages, s => Assert.Equal(job.SpanId, s.ParentSpanId));
        var map = Assert.Single(stages, s => (string?)s.GetTagItem(SparkTelemetry.StageKind) == "shuffle_map");
        var result = Assert.Single(stages, s => (string?)s.GetTagItem(SparkTelemetry.StageKind) == "result");
        var mapInfo = Assert.Single(info.Stages, s => s.IsShuffleMap);
        Assert.Equal(mapInfo.StageId, map.GetTagItem(SparkTelemetry.StageId));
        Assert.Equal(mapInfo.ShuffleWriteRows, map.GetTagItem(SparkTelemetry.Rows));
        Assert.Equal(mapInfo.ShuffleWriteBytes, map.GetTagItem(SparkTelemetry.ShuffleWriteBytes));

        var tasks = spans.Where(s => s.DisplayName == "Linq.Spark task").ToList();
        Assert.Equal([0, 1, 2, 3], PartitionsUnder(map, tasks));
        Assert.Equal([0, 1, 2], PartitionsUnder(result, tasks));
        Assert.All(tasks, t => Assert.Equal(1, t.GetTagItem(SparkTelemetry.Attempt)));
        Assert.All(tasks, t => Assert.InRange((int)t.GetTagItem(SparkTelemetry.ExecutorSlot)!, 0, 1));
        Assert.Equal(counts.Count, tasks.Where(t => t.ParentSpanId == result.SpanId).Sum(t => (long)t.GetTagItem(SparkTelemetry.Rows)!));
        Assert.Equal(mapInfo.ShuffleWriteRows, tasks.Where(t => t.ParentSpanId == map.SpanId).Sum(t => (long)t.GetTagItem(SparkTelemetry.Rows)!));
    }

    [Fact]
    public void FailedJob_marksItsSpanAndTheFailedTaskAsErrors()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(SparkTelemetry.Name).AddInMemoryExporter(spans).Build();
        using var session = Session();

        var error = Assert.Throws<SparkJobException>(() => session.Parallelize(Rows, 4).Select(x => Probes.ThrowIfId(x, 600)).ToList());

        tracing.ForceFlush();
        var job = Assert.Single(spans, s => s.DisplayName == "Linq.Spark job");
        Assert.Equal(ActivityStatusCode.Error, job.Status);
        Assert.Contains(job.Events, e => e.Name == "exception");
        var failed = Assert.Single(spans, s => s.DisplayName == "Linq.Spark task" && s.Status == ActivityStatusCode.Error);
        Assert.Equal(error.PartitionId, failed.GetTagItem(SparkTelemetry.Partition));
        Assert.Equal("boom 600", failed.StatusDescription);
    }

    [Fact]
    public void Job_feedsTheMetersInstruments()
    {
        var metrics = new List<Metric>();
        using var metering = Sdk.CreateMeterProviderBuilder().AddMeter(SparkTelemetry.Name).AddInMemoryExporter(metrics).Build();
        using var session = Session();

        var counts = session.Parallelize(Rows, 4).GroupBy(x => x.Key % 5).Select(g => g.Count()).ToList();

        metering.ForceFlush();
        var info = Assert.Single(session.CompletedJobs);
        var mapInfo = Assert.Single(info.Stages, s => s.IsShuffleMap);
        Assert.Equal(7, Sum(metrics, "linq_spark.tasks", (SparkTelemetry.Status, "succeeded")));
        Assert.Equal(4, Sum(metrics, "linq_spark.tasks", (SparkTelemetry.StageKind, "shuffle_map")));
        Assert.Equal(0, Sum(metrics, "linq_spark.tasks", (SparkTelemetry.Status, "failed")));
        Assert.Equal(1, Sum(metrics, "linq_spark.jobs", (SparkTelemetry.Status, "succeeded")));
        Assert.Equal(mapInfo.ShuffleWriteBytes, Sum(metrics, "linq_spark.shuffle.write.bytes"));
        Assert.Equal(mapInfo.ShuffleWriteRows, Sum(metrics, "linq_spark.task.rows", (SparkTelemetry.StageKind, "shuffle_map")));
        Assert.Equal(counts.Count, Sum(metrics, "linq_spark.task.rows", (SparkTelemetry.StageKind, "result")));
        var durations = Assert.Single(metrics, m => m.Name == "linq_spark.task.duration");
        Assert.Equal("s", durations.Unit);
        long measured = 0;
        foreach (ref readonly var point in durations.GetMetricPoints())
        {
            measured += point.GetHistogramCount();
        }

        Assert.Equal(7, measured);
    }

    [Fact]
    public void ThrowingListenersAndLoggers_neverFailAJob_norChangeTheCurrentSpan()
    {
        using var spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SparkTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = _ => throw new InvalidOperationException("span listener"),
            ActivityStopped = _ => throw new InvalidOperationException("span listener"),
        };
        ActivitySource.AddActivityListener(spans);
        using var measurements = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SparkTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        measurements.SetMeasurementEventCallback<long>((_, _, _, _) => throw new InvalidOperationException("meter listener"));
        measurements.SetMeasurementEventCallback<double>((_, _, _, _) => throw new InvalidOperationException("meter listener"));
        measurements.Start();
        using var logging = LoggerFactory.Create(b => b.AddProvider(new ThrowingLoggerProvider()).SetMinimumLevel(LogLevel.Trace));
        using var session = Session(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3, InlineJobThresholdRows = -1, LoggerFactory = logging });

        using var root = TestSource.StartActivity("request");
        var before = Activity.Current;
        var counts = session.Parallelize(Rows, 4).GroupBy(x => x.Key % 5).Select(g => g.Count()).ToList();

        Assert.Equal(Rows.Count, counts.Sum());
        Assert.Same(before, Activity.Current);
        Assert.True(Assert.Single(session.CompletedJobs).Succeeded);
    }

    [Fact]
    public void ExecutorThreads_doNotInheritTheSpanCurrentWhenTheSessionWasCreated()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(TestSource.Name).AddInMemoryExporter(spans).Build();
        SparkSession session;
        Activity creator;
        using (creator = TestSource.StartActivity("creates the session")!)
        {
            session = Session();
        }

        using (session)
        {
            // No Linq.Spark listener: a lambda's span has the executor thread's current span as its parent, which is none.
            _ = session.Parallelize(Rows, 2).Select(x => StartsASpan(x)).ToList();
        }

        tracing.ForceFlush();
        var inLambdas = spans.Where(s => s.DisplayName == "in a lambda").ToList();
        Assert.NotEmpty(inLambdas);
        Assert.All(inLambdas, s => Assert.NotEqual(creator.SpanId, s.ParentSpanId));
        Assert.All(inLambdas, s => Assert.Equal(default, s.ParentSpanId));
    }

    [Fact]
    public void TaskEvents_carryResultRowsAndShuffleWrites_asTheStagesAddThemUp()
    {
        using var session = Session();
        var events = new EventRecorder();
        session.AddListener(events);

        var counts = session.Parallelize(Rows, 4).GroupBy(x => x.Key % 5).Select(g => g.Count()).ToList();

        var mapInfo = Assert.Single(Assert.Single(session.CompletedJobs).Stages, s => s.IsShuffleMap);
        var mapTasks = events.TaskEnds.Where(t => t.StageId == mapInfo.StageId).ToList();
        var resultTasks = events.TaskEnds.Where(t => t.StageId != mapInfo.StageId).ToList();
        Assert.Equal(4, mapTasks.Count);
        Assert.Equal(mapInfo.ShuffleWriteRows, mapTasks.Sum(t => t.ShuffleWriteRows));
        Assert.Equal(mapInfo.ShuffleWriteBytes, mapTasks.Sum(t => t.ShuffleWriteBytes));
        Assert.All(mapTasks, t => Assert.Equal(0, t.ResultRows));
        Assert.Equal(counts.Count, resultTasks.Sum(t => t.ResultRows));
        Assert.All(resultTasks, t => Assert.Equal(0, t.ShuffleWriteBytes));
    }

    [Fact]
    public void SpilledShuffle_feedsTheSpillCounterAndTheLog()
    {
        var metrics = new List<Metric>();
        var collector = new FakeLogCollector();
        using var metering = Sdk.CreateMeterProviderBuilder().AddMeter(SparkTelemetry.Name).AddInMemoryExporter(metrics).Build();
        using var logging = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Information));
        using var local = new TempFolder();
        using var session = Session(new SparkOptions
        {
            ExecutorThreads = 2, ShufflePartitions = 3, InlineJobThresholdRows = -1, ForceSpillBytes = SessionFixture.ForceSpillBytes, LocalDirectory = local.Path, LoggerFactory = logging,
        });

        _ = session.Parallelize(Rows, 4).GroupBy(x => x.Key % 5).Select(g => g.Count()).ToList();

        metering.ForceFlush();
        var map = Assert.Single(Assert.Single(session.CompletedJobs).Stages, s => s.IsShuffleMap);
        Assert.True(map.SpilledBytes > 0);
        Assert.Equal(session.CompletedJobs.Single().Stages.Sum(s => s.SpilledBytes), Sum(metrics, "linq_spark.spill.bytes"));
        var spilled = collector.GetSnapshot().Where(l => l.Id.Id == 6).ToList();
        Assert.All(spilled, l => Assert.Equal(LogLevel.Information, l.Level));
        Assert.Contains(spilled, l => l.Message.StartsWith($"Stage {map.StageId} (job ", StringComparison.Ordinal));
        Assert.All(spilled, l => Assert.Contains("MiB to disk (shuffle blocks, and what its sorts, aggregations and groups spilled)", l.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Logger_reportsJobsRetriesAndASkewedTask()
    {
        var collector = new FakeLogCollector();
        using var logging = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Debug));
        using var session = Session(new SparkOptions { ExecutorThreads = 2, MaxTaskFailures = 2, LoggerFactory = logging });
        var trap = new FailOnceTrap(300);

        // Partition 3 (rows 750..999) sleeps 1.5 s in one row; the others take milliseconds.
        var rows = session.Parallelize(Rows, 4).Select(x => trap.Pass(x)).Select(x => x.Id == 900 ? Probes.Slow(x, 1500) : x).ToList();

        Assert.Equal(Rows, rows);
        var logs = collector.GetSnapshot();
        Assert.All(logs, l => Assert.Equal(SparkTelemetry.Name, l.Category));
        var started = Assert.Single(logs, l => l.Id.Id == 1);
        Assert.Equal(LogLevel.Debug, started.Level);
        var retried = Assert.Single(logs, l => l.Id.Id == 4);
        Assert.Equal(LogLevel.Warning, retried.Level);
        Assert.IsType<TimeoutException>(retried.Exception);
        Assert.StartsWith("Task 1 of stage", retried.Message, StringComparison.Ordinal);
        Assert.Contains("attempt 1 of 2", retried.Message, StringComparison.Ordinal);
        var skewed = Assert.Single(logs, l => l.Id.Id == 5);
        Assert.StartsWith("Stage ", skewed.Message, StringComparison.Ordinal);
        Assert.Contains("task 3 ran", skewed.Message, StringComparison.Ordinal);
        var finished = Assert.Single(logs, l => l.Id.Id == 2);
        Assert.Equal(LogLevel.Information, finished.Level);
        Assert.Contains($"Job {Assert.Single(session.CompletedJobs).JobId} finished", finished.Message, StringComparison.Ordinal);

        Assert.Throws<SparkJobException>(() => session.Parallelize(Rows, 4).Select(x => Probes.ThrowIfId(x, 10)).Count());
        var failed = Assert.Single(collector.GetSnapshot(), l => l.Id.Id == 3);
        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.IsType<SparkJobException>(failed.Exception);
    }

    private static Row StartsASpan(Row row)
    {
        if (row.Id % 250 == 0)
        {
            using var span = TestSource.StartActivity("in a lambda");
        }

        return row;
    }

    private static SparkSession Session(SparkOptions? options = null) =>
        SparkSession.Create(options ?? new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3, InlineJobThresholdRows = -1 });

    private static int[] PartitionsUnder(Activity stage, IEnumerable<Activity> tasks) =>
        [.. tasks.Where(t => t.ParentSpanId == stage.SpanId).Select(t => (int)t.GetTagItem(SparkTelemetry.Partition)!).Order()];

    /// <summary>The sum of a counter's points whose tags include <paramref name="tag"/> (all points when null).</summary>
    private static long Sum(List<Metric> metrics, string name, (string Key, string Value)? tag = null)
    {
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var matches = tag is null;
                foreach (var pair in point.Tags)
                {
                    matches |= tag is { } t && pair.Key == t.Key && Equals(pair.Value, t.Value);
                }

                sum += matches ? point.GetSumLong() : 0;
            }
        }

        return sum;
    }

    /// <summary>A logging provider whose loggers throw on every message.</summary>
    private sealed class ThrowingLoggerProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ThrowingLogger();

        public void Dispose()
        {
        }

        private sealed class ThrowingLogger : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                throw new InvalidOperationException("logger");
        }
    }
}
