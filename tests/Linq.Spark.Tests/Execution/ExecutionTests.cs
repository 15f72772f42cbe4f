using System.Diagnostics;
using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>How jobs run and fail: SparkJobException, task retry, cancellation, disposal, thread leaks, concurrent jobs,
/// listener events and the plan cache's handling of captured values.</summary>
/// <remarks>In a non-parallel collection, because it measures threads and time.</remarks>
[Collection(NonParallelCollection.Name)]
public sealed class ExecutionTests(ITestOutputHelper output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void Job_lambdaThrows_throwsSparkJobExceptionWithTaskCoordinatesAndOriginalInner()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3 });

        var ex = Assert.Throws<SparkJobException>(() => session.Parallelize(Rows, 4).Select(x => Probes.ThrowIfId(x, 600)).ToList());

        var inner = Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.Equal("boom 600", inner.Message);
        Assert.Equal(2, ex.PartitionId);
        Assert.Equal(1, ex.Attempt);
        var job = Assert.Single(session.CompletedJobs, j => j.JobId == ex.JobId);
        Assert.False(job.Succeeded);
        Assert.Contains(job.Stages, s => s.StageId == ex.StageId);
        Assert.Contains(ex.JobId.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Job_lambdaThrowsInShuffleMapStage_reportsThatStage()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3 });

        var ex = Assert.Throws<SparkJobException>(() =>
            session.Parallelize(Rows, 4).Select(x => Probes.ThrowIfId(x, 10)).GroupBy(x => x.Key).Select(g => g.Count()).ToList());

        Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.Equal(0, ex.PartitionId);
        var job = Assert.Single(session.CompletedJobs, j => j.JobId == ex.JobId);
        Assert.True(job.Stages.Single(s => s.StageId == ex.StageId).IsShuffleMap);
    }

    [Fact]
    public void Session_afterFailedJob_staysUsable()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3 });
        var source = session.Parallelize(Rows, 4);

        Assert.Throws<SparkJobException>(() => source.Select(x => Probes.ThrowIfId(x, 3)).Count());
        Assert.Throws<SparkJobException>(() => source.Select(x => Probes.ThrowIfId(x, 999)).GroupBy(x => x.Kind).Count());

        Assert.Equal(Rows.Count(x => x.B > 0), source.Count(x => x.B > 0));
        Assert.Equal(
            Rows.GroupBy(x => x.Key).Select(g => g.Key * 1000L + g.Sum(x => x.A)).Order(),
            source.GroupBy(x => x.Key).Select(g => g.Key * 1000L + g.Sum(x => x.A)).ToList().Order());
    }

    [Fact]
    public void Job_failingTask_stopsTheOtherTasksPromptly()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        var counter = new CallCounter();
        var rows = Rows.Take(400).ToList();

        var watch = Stopwatch.StartNew();
        Assert.Throws<SparkJobException>(() =>
            session.Parallelize(rows, 4).Select(x => Probes.ThrowIfId(x, 0)).Select(x => Probes.Slow(counter.Count(x), 20)).ToList());
        var elapsed = watch.Elapsed;
        long callsAtFailure = counter.Calls;
        Thread.Sleep(300);

        output.WriteLine($"failed after {elapsed.TotalMilliseconds:F0} ms; slow lambda calls at failure {callsAtFailure}, 300 ms later {counter.Calls}");
        // Running every row takes 400 x 20 ms / 2 threads = 4 s; the bound leaves room for a loaded CI machine.
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"the job took {elapsed.TotalMilliseconds:F0} ms to fail; the other tasks were not stopped");
        Assert.InRange(counter.Calls, callsAtFailure, callsAtFailure + 2);
    }

    [Fact]
    public void Retry_lambdaFailingOncePerPartition_succeedsWithMaxTaskFailures3()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, MaxTaskFailures = 3 });
        var rows = Rows.Take(100).ToList();
        var trap = new FailOnceTrap(12, 37, 62, 87);

        var ids = session.Parallelize(rows, 4).Select(x => trap.Pass(x)).Select(x => x.Id).ToList();

        Assert.Equal(rows.Select(r => r.Id), ids);
        Assert.Equal(4, trap.Failures);
        var job = session.CompletedJobs[^1];
        Assert.True(job.Succeeded);
        Assert.True(job.Stages.Sum(s => s.FailedTaskAttempts) > 0);
        Assert.Equal(4, job.Stages.Sum(s => s.FailedTaskAttempts));
    }

    [Fact]
    public void Retry_lambdaFailingOnce_failsWithDefaultMaxTaskFailures()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        var trap = new FailOnceTrap(37);

        var ex = Assert.Throws<SparkJobException>(() => session.Parallelize(Rows.Take(100).ToList(), 4).Select(x => trap.Pass(x)).ToList());

        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.Equal(1, ex.Attempt);
        Assert.Equal(1, ex.PartitionId);
    }

    [Fact]
    public void Retry_lambdaAlwaysFailing_failsOnTheLastAttempt()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, MaxTaskFailures = 3 });

        var ex = Assert.Throws<SparkJobException>(() => session.Parallelize(Rows, 4).Select(x => Probes.ThrowIfId(x, 5)).ToList());

        Assert.Equal(3, ex.Attempt);
        Assert.Equal(0, ex.PartitionId);
    }

    [Fact]
    public async Task Cancel_toListAsyncWithSlowLambda_throwsOperationCanceledWithin100Ms()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        var counter = new CallCounter();
        var query = session.Parallelize(Rows.Take(400).ToList(), 4).Select(x => Probes.Slow(counter.Count(x), 20));
        using var cts = new CancellationTokenSource();

        var task = Task.Run(() => query.ToListAsync(cts.Token));
        await Task.Delay(200);
        var watch = Stopwatch.StartNew();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        var elapsed = watch.Elapsed;
        long callsAtCancel = counter.Calls;
        await Task.Delay(200);

        output.WriteLine($"OperationCanceledException {elapsed.TotalMilliseconds:F1} ms after Cancel (goal: 100 ms); slow lambda calls {callsAtCancel}, 200 ms later {counter.Calls}");
        // The rest of the job would take about 3.8 s; the bound leaves room for a loaded CI machine.
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"cancellation took {elapsed.TotalMilliseconds:F0} ms");
        Assert.InRange(counter.Calls, callsAtCancel, callsAtCancel + 2);
        Assert.Equal(10, session.Parallelize(Rows.Take(10).ToList(), 2).Count());
    }

    [Fact]
    public async Task Cancel_tokenAlreadyCanceled_throwsWithoutRunningTasks()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        var counter = new CallCounter();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.Parallelize(Rows, 4).Select(x => counter.Count(x)).ToListAsync(cts.Token));

        Assert.Equal(0, counter.Calls);
    }

    [Fact]
    public async Task Cancel_asAsyncEnumerable_stopsEnumeration()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        var query = session.Parallelize(Rows.Take(400).ToList(), 4).Select(x => Probes.Slow(x.Id, 20));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
        int seen = 0;

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (int id in query.AsAsyncEnumerable(cts.Token))
            {
                seen++;
            }
        });

        output.WriteLine($"enumeration canceled after {watch.ElapsedMilliseconds} ms with {seen} items seen");
        // Enumerating every row takes 400 x 20 ms / 2 threads = 4 s; the bound leaves room for a loaded CI machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.ElapsedMilliseconds} ms");
        Assert.True(seen < 400);
    }

    [Fact]
    public void Dispose_thenRunQuery_throwsObjectDisposedException()
    {
        var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        var query = session.Parallelize(Rows, 4).Where(x => x.Key > 3);
        Assert.Equal(Rows.Count(x => x.Key > 3), query.Count());

        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() => query.ToList());
        Assert.Throws<ObjectDisposedException>(() => query.Count());
        Assert.Throws<ObjectDisposedException>(() => session.Parallelize(Rows, 2));
        session.Dispose();
    }

    [Fact]
    public void Dispose_sessionWithFourExecutorThreads_returnsThreadCountToWhereItWas()
    {
        using (var warmUp = SparkSession.Local(4))
        {
            RunMixedJobs(warmUp);
        }

        int before = SettledThreadCount(target: null);
        int during;
        using (var session = SparkSession.Local(4))
        {
            RunMixedJobs(session);
            during = Process.GetCurrentProcess().Threads.Count;
        }

        int after = SettledThreadCount(target: before + 1);
        output.WriteLine($"threads before {before}, during {during}, after Dispose {after}");
        Assert.True(after <= before + 1, $"{after - before} more threads after Dispose than before the session (before {before}, during {during}, after {after})");
    }

    [Fact]
    public void Jobs_fromSeveralThreadsAtOnce_allGetRightAnswers()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3 });
        var source = session.Parallelize(Rows, 4);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 24, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
        {
            int threshold = i % 12;
            long sum = source.Where(x => x.Key > threshold).Sum(x => x.A);
            if (sum != Rows.Where(x => x.Key > threshold).Sum(x => x.A))
            {
                failures.Add($"sum for threshold {threshold}: {sum}");
            }

            var groups = source.Where(x => x.Id % 12 != threshold).GroupBy(x => x.Kind).Select(g => new { g.Key, Count = g.Count() }).ToList();
            var expected = Rows.Where(x => x.Id % 12 != threshold).GroupBy(x => x.Kind).Select(g => new { g.Key, Count = g.Count() }).ToList();
            if (groups.Count != expected.Count || expected.Except(groups).Any())
            {
                failures.Add($"groups for threshold {threshold}: {string.Join(", ", groups)}");
            }

            var first = source.Where(x => x.Id >= threshold * 50).Select(x => x.Id).First();
            if (first != threshold * 50)
            {
                failures.Add($"first for {threshold}: {first}");
            }
        });

        Assert.Empty(failures);
    }

    [Fact]
    public void Listener_receivesJobStageAndTaskEvents()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3, AutoBroadcastThresholdRows = -1 });
        var recorder = new EventRecorder();
        session.AddListener(recorder);

        _ = session.Parallelize(Rows, 4).GroupBy(x => x.Key).Select(g => new { g.Key, Sum = g.Sum(x => x.B) }).ToList();

        var start = Assert.Single(recorder.JobStarts);
        var end = Assert.Single(recorder.JobEnds);
        Assert.Equal(start.JobId, end.JobId);
        Assert.Equal(2, start.StageCount);
        Assert.True(end.Succeeded);
        Assert.Equal(end.JobId, session.CompletedJobs[^1].JobId);
        Assert.Equal(2, recorder.StagesSubmitted.Count);
        Assert.Equal(2, recorder.StagesCompleted.Count);
        Assert.Equal([3, 4], recorder.StagesSubmitted.Select(s => s.NumTasks).Order());
        Assert.All(recorder.StagesSubmitted, s => Assert.Equal(start.JobId, s.JobId));
        Assert.Equal(7, recorder.TaskStarts.Count);
        Assert.Equal(7, recorder.TaskEnds.Count);
        Assert.All(recorder.TaskEnds, t => Assert.Null(t.Error));
        Assert.Equal(
            recorder.TaskStarts.Select(t => (t.StageId, t.PartitionId)).Order(),
            recorder.TaskEnds.Select(t => (t.StageId, t.PartitionId)).Order());
        var mapStage = recorder.StagesSubmitted.Single(s => s.NumTasks == 4).StageId;
        Assert.Equal([0, 1, 2, 3], recorder.TaskStarts.Where(t => t.StageId == mapStage).Select(t => t.PartitionId).Order());

        // The submission names the stages that then run, under the ids their events and infos carry.
        var submitted = Assert.Single(recorder.JobSubmissions);
        Assert.Equal(start.JobId, submitted.JobId);
        Assert.Equal(start.Description, submitted.Description);
        Assert.Equal(recorder.StagesSubmitted.Select(s => (s.StageId, s.NumTasks)).Order(), submitted.Stages.Select(s => (s.Id, s.NumTasks)).Order());
        Assert.Equal(
            end.Stages.Select(s => (s.StageId, string.Join(",", s.ParentIds))).Order(),
            submitted.Stages.Select(s => (s.Id, string.Join(",", s.ParentIds))).Order());
        var map = submitted.Stages.Single(s => s.IsShuffleMap);
        Assert.Equal(mapStage, map.Id);
        Assert.Contains(map.Operators, o => o.Contains("partial_sum", StringComparison.Ordinal));
        Assert.Contains("== Physical Plan ==", submitted.PlanText);
    }

    [Fact]
    public void Listener_failedTask_reportsErrorAndFailedJob()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        var recorder = new EventRecorder();
        session.AddListener(recorder);

        Assert.Throws<SparkJobException>(() => session.Parallelize(Rows, 4).Select(x => Probes.ThrowIfId(x, 300)).ToList());

        var end = Assert.Single(recorder.JobEnds);
        Assert.False(end.Succeeded);
        Assert.Contains(recorder.TaskEnds, t => t.PartitionId == 1 && t.Error is InvalidOperationException);
        Assert.IsType<InvalidOperationException>(Assert.IsType<SparkJobException>(end.Error).InnerException);
        Assert.Null(session.CompletedJobs.Where(j => j.Succeeded).Select(j => j.Error).FirstOrDefault());
    }

    [Fact]
    public void Listener_taskStartNamesTheSlotAndTime_andARemovedListenerHearsNoMore()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, InlineJobThresholdRows = -1 });
        var starts = new TaskStarts();
        var recorder = new EventRecorder();
        session.AddListener(starts);
        session.AddListener(recorder);
        var before = DateTimeOffset.UtcNow;

        _ = session.Parallelize(Rows, 4).Where(x => x.Key > 3).ToList();

        // The new overload carries the slot the task's end reports; a listener with only the old one still hears it.
        Assert.Equal(
            recorder.TaskEnds.Select(t => (t.StageId, t.PartitionId, t.ExecutorSlot)).Order(),
            starts.Events.Select(t => (t.StageId, t.PartitionId, t.ExecutorSlot)).Order());
        Assert.All(starts.Events, t => Assert.InRange(t.ExecutorSlot, 0, 1));
        Assert.All(starts.Events, t => Assert.True(t.LaunchTime >= before));
        Assert.Equal(4, recorder.TaskStarts.Count);

        Assert.True(session.RemoveListener(starts));
        Assert.False(session.RemoveListener(starts));
        _ = session.Parallelize(Rows, 4).Count();
        Assert.Equal(4, starts.Events.Count);
        Assert.Equal(8, recorder.TaskStarts.Count);
    }

    /// <summary>A listener that takes the task start with its slot and launch time.</summary>
    private sealed class TaskStarts : ISparkListener
    {
        public System.Collections.Concurrent.ConcurrentQueue<TaskStartInfo> Events { get; } = new();

        public void OnTaskStart(TaskStartInfo task) => Events.Enqueue(task);
    }

    [Fact]
    public void PlanCache_repeatedQueryWithNewCapturedValues_givesNewAnswers()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3 });
        var source = session.Parallelize(Rows, 4);

        foreach (int threshold in new[] { 0, 5, 10, 3, 22 })
        {
            Assert.Equal(Rows.Count(x => x.Key > threshold), source.Count(x => x.Key > threshold));
            Assert.Equal(
                Rows.Where(x => x.Key > threshold).GroupBy(x => x.Kind).Select(g => g.Sum(x => x.A)).Order(),
                source.Where(x => x.Key > threshold).GroupBy(x => x.Kind).Select(g => g.Sum(x => x.A)).ToList().Order());
            Assert.Equal(Rows.Where(x => x.Id < threshold * 10).Select(x => x.Id), source.Where(x => x.Id < threshold * 10).Select(x => x.Id).ToList());
        }
    }

    [Fact]
    public void PlanCache_repeatedQueryWithNewCapturedValues_neitherReplansNorRecompiles()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, ShufflePartitions = 3 });
        var source = session.Parallelize(Rows, 4);
        var plans = session.Provider.Plans;

        foreach (int threshold in new[] { 0, 5, 10, 3, 22 })
        {
            Assert.Equal(Rows.Count(x => x.Key > threshold), source.Count(x => x.Key > threshold));
            Assert.Equal(Rows.Where(x => x.Id < threshold * 10).Select(x => x.Id), source.Where(x => x.Id < threshold * 10).Select(x => x.Id).ToList());
        }

        // Two query shapes, two plans: the kernels inside them were compiled once and reused for every new value.
        Assert.Equal(2, plans.PlansBuilt);
    }

    [Fact]
    public void PlanCache_sameShapeWithDifferentLiterals_givesEachAnswer()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        var source = session.Parallelize(Rows, 4);

        Assert.Equal(Rows.Count(x => x.Key > 3), source.Count(x => x.Key > 3));
        Assert.Equal(Rows.Count(x => x.Key > 9), source.Count(x => x.Key > 9));
        Assert.Equal(Rows.Sum(x => x.A * 2), source.Sum(x => x.A * 2));
        Assert.Equal(Rows.Sum(x => x.A * 3), source.Sum(x => x.A * 3));
        Assert.Equal(Rows.Where(x => x.Name == "beta").Select(x => x.Id), source.Where(x => x.Name == "beta").Select(x => x.Id).ToList());
        Assert.Equal(Rows.Where(x => x.Name == "gamma").Select(x => x.Id), source.Where(x => x.Name == "gamma").Select(x => x.Id).ToList());
    }

    [Fact]
    public void PlanCache_capturedVariableChangedAfterQueryWasBuilt_usesValueAtExecution()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        int threshold = 3;
        var query = session.Parallelize(Rows, 4).Where(x => x.Key > threshold);
        var expected = Rows.AsQueryable().Where(x => x.Key > threshold);

        Assert.Equal(expected.Count(), query.Count());
        threshold = 15;
        Assert.Equal(expected.Count(), query.Count());
        Assert.Equal(expected.Select(x => x.Id), query.Select(x => x.Id).ToList());
    }

    [Fact]
    public void PlanCache_capturedCollectionMutatedBetweenRuns_usesCurrentContents()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2 });
        var wanted = new List<int> { 1, 2 };
        var query = session.Parallelize(Rows, 4).Where(x => wanted.Contains(x.Key)).Select(x => x.Id);

        var first = query.ToList();
        wanted.Add(TestData.SkewedKey);
        var second = query.ToList();

        Assert.Equal(Rows.Where(x => x.Key is 1 or 2).Select(x => x.Id), first);
        Assert.Equal(Rows.Where(x => x.Key is 1 or 2 or TestData.SkewedKey).Select(x => x.Id), second);
    }

    [Fact]
    public void Session_singleExecutorThread_runsMultiStageJobs()
    {
        using var session = SparkSession.Local(1);
        var left = session.Parallelize(Rows, 4);
        var right = session.Parallelize(TestData.Dims, 3);

        var joined = left.Join(right, x => x.Key, d => d.Key, (x, d) => new { d.Label, x.A }).GroupBy(p => p.Label).Select(g => new { g.Key, Sum = g.Sum(p => p.A) }).ToList();

        var expected = Rows.Join(TestData.Dims, x => x.Key, d => d.Key, (x, d) => new { d.Label, x.A }).GroupBy(p => p.Label).Select(g => new { g.Key, Sum = g.Sum(p => p.A) }).ToList();
        Assert.Equal(expected.OrderBy(p => p.Key), joined.OrderBy(p => p.Key));
    }

    [Fact]
    public void Create_invalidOptions_throwsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SparkSession.Create(new SparkOptions { MaxTaskFailures = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SparkSession.Create(new SparkOptions { ExecutorThreads = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SparkSession.Create(new SparkOptions { AutoBroadcastThresholdRows = -2 }));
    }

    [Theory]
    [InlineData(SparkOptions.MaxExecutorThreads + 1)]
    [InlineData(100_000)]
    public void Create_tooManyExecutorThreads_failsWithTheLimit(int threads)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SparkSession.Create(new SparkOptions { ExecutorThreads = threads }));

        Assert.Contains($"at most {SparkOptions.MaxExecutorThreads}", error.Message);
        Assert.Contains(threads.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public void Parallelize_defaultPartitions_usesDefaultParallelism()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, DefaultParallelism = 5 });

        var stage = Assert.Single(session.Parallelize(Rows).Plan().Stages);

        Assert.Equal(5, stage.NumTasks);
    }

    private static void RunMixedJobs(SparkSession session)
    {
        var source = session.Parallelize(Rows, 8);
        _ = source.Where(x => x.B > 0).Count();
        _ = source.GroupBy(x => x.Key).Select(g => g.Sum(x => x.A)).ToList();
        _ = source.OrderBy(x => x.Name).Take(5).ToList();
        _ = source.Join(session.Parallelize(TestData.Dims, 2), x => x.Key, d => d.Key, (x, d) => x.Id).Count();
    }

    private static int SettledThreadCount(int? target)
    {
        // Threads end asynchronously after Join or Dispose; wait until the count stops moving (or reaches the target).
        int last = Process.GetCurrentProcess().Threads.Count;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(100);
            int now = Process.GetCurrentProcess().Threads.Count;
            if ((target is { } t && now <= t) || (target is null && now == last && watch.Elapsed > TimeSpan.FromMilliseconds(500)))
            {
                return now;
            }

            last = now;
        }

        return last;
    }
}
