using System.Globalization;

namespace Linq.Spark.Cluster.Tests;

/// <summary>
/// Queries on a cluster of a master and two worker processes against LINQ to Objects, across sizes at partition edges
/// and partition counts: narrow stages, aggregations and groups by string keys (a shuffle between workers), distinct,
/// joins (broadcast and shuffled), sorts, top-n and set operations, over a record type of this assembly, which the
/// driver sends the workers.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterQueryTests(ClusterProcesses cluster)
{
    public sealed record Row(int Id, string? Region, double Amount, bool Flag);

    public static TheoryData<int, int> SizesAndPartitions()
    {
        var cases = new TheoryData<int, int>();
        foreach (var size in new[] { 0, 1, 2, 15, 16, 1000 })
        {
            foreach (var partitions in new[] { 1, 2, 3, 8 })
            {
                cases.Add(size, partitions);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(SizesAndPartitions))]
    public void Queries_onTwoWorkers_matchLinqToObjects(int size, int partitions)
    {
        var rows = Rows(size);
        var spark = cluster.Session.Parallelize(rows, partitions);
        var threshold = 2.5;

        Same(rows.Where(r => r.Amount > threshold).Select(r => r.Id * 2), spark.Where(r => r.Amount > threshold).Select(r => r.Id * 2), ordered: true);
        Same(
            rows.GroupBy(r => r.Region).Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(r => r.Amount), Max = g.Max(r => r.Id) }),
            spark.GroupBy(r => r.Region).Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(r => r.Amount), Max = g.Max(r => r.Id) }));
        Same(rows.Select(r => new { r.Region, r.Flag }).Distinct(), spark.Select(r => new { r.Region, r.Flag }).Distinct());
        Same(
            rows.OrderBy(r => r.Region).ThenByDescending(r => r.Amount).ThenBy(r => r.Id).Select(r => r.Id),
            spark.OrderBy(r => r.Region).ThenByDescending(r => r.Amount).ThenBy(r => r.Id).Select(r => r.Id),
            ordered: true);
        Same(rows.OrderByDescending(r => r.Amount).ThenBy(r => r.Id).Take(5), spark.OrderByDescending(r => r.Amount).ThenBy(r => r.Id).Take(5), ordered: true);
        Assert.Equal(rows.Count(r => r.Flag), spark.Count(r => r.Flag));
        Assert.Equal(rows.Sum(r => (long)r.Id), spark.Sum(r => (long)r.Id));
        Same(rows.Where(r => r.Flag).Select(r => r.Region).Union(rows.Select(r => r.Region + "!")), spark.Where(r => r.Flag).Select(r => r.Region).Union(spark.Select(r => r.Region + "!")));
        Same(rows.Select(r => r.Id % 10).Except(rows.Where(r => r.Flag).Select(r => r.Id % 7)), spark.Select(r => r.Id % 10).Except(spark.Where(r => r.Flag).Select(r => r.Id % 7)));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(16, 2)]
    [InlineData(1000, 8)]
    public async Task Joins_broadcastAndShuffled_matchLinqToObjects(int size, int partitions)
    {
        var rows = Rows(size);
        var regions = Enumerable.Range(0, 5).Select(i => (Name: $"region-{i}", Code: i * 10)).ToArray();
        using var shuffled = await cluster.ConnectAsync(new SparkOptions { AutoBroadcastThresholdRows = -1 });
        foreach (var session in new[] { cluster.Session, shuffled })
        {
            var spark = session.Parallelize(rows, partitions);
            var codes = session.Parallelize(regions, 2);
            Same(
                from r in rows join c in regions on r.Region equals c.Name select new { r.Id, c.Code },
                from r in spark join c in codes on r.Region equals c.Name select new { r.Id, c.Code });
            Same(
                from c in regions join r in rows on c.Name equals r.Region into g select new { c.Name, Count = g.Count(), Any = g.Any(r => r.Flag) },
                from c in codes join r in spark on c.Name equals r.Region into g select new { c.Name, Count = g.Count(), Any = g.Any(r => r.Flag) });
        }
    }

    [Fact]
    public void FileSources_areReadByTheWorkers_andFilesChangedSinceTheyWereOpenedAreRefused()
    {
        var rows = Rows(5000);
        var folder = Path.Combine(Path.GetTempPath(), "linq-spark-cluster-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var local = SparkSession.Local(2))
            {
                local.Parallelize(rows, 4).WriteParquet(folder);
            }

            var table = cluster.Session.ReadParquet<Row>(folder);

            Same(rows.Where(r => r.Flag).Select(r => r.Id), table.Where(r => r.Flag).Select(r => r.Id), ordered: true);
            Same(
                rows.GroupBy(r => r.Region).Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(r => r.Amount) }),
                table.GroupBy(r => r.Region).Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(r => r.Amount) }));

            // A worker opens a scan's files at its first job and keeps them for the session's later jobs: files
            // changed before that are refused, and ones changed after it fail the job naming the file.
            var opened = cluster.Session.ReadParquet<Row>(folder);
            using (var local = SparkSession.Local(2))
            {
                local.Parallelize(rows.Take(10).ToList(), 1).WriteParquet(folder, WriteMode.Overwrite);
            }

            var refused = Assert.Throws<SparkJobException>(() => opened.Count()).ToString();
            Assert.Contains($"finds other Parquet files at {folder}", refused, StringComparison.Ordinal);
            var gone = Assert.Throws<SparkJobException>(() => table.Count()).ToString();
            Assert.True(gone.Contains(folder, StringComparison.Ordinal), gone);
            Assert.Equal(10, cluster.Session.ReadParquet<Row>(folder).Count());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Tasks_runOnBothWorkers()
    {
        var before = cluster.Session.CompletedJobs.Count;
        var listener = new Slots();
        cluster.Session.AddListener(listener);
        try
        {
            _ = cluster.Session.Parallelize(Rows(1000), 8).GroupBy(r => r.Id % 13).Select(g => g.Count()).ToList();
        }
        finally
        {
            cluster.Session.RemoveListener(listener);
        }

        Assert.Equal([0, 1], listener.Seen.Order().Distinct());
        Assert.True(cluster.Session.CompletedJobs.Count > before);
    }

    [Fact]
    public void FailingLambda_failsTheJob_namingTheRemoteError()
    {
        var rows = Rows(100);
        var zero = 0;
        var error = Assert.Throws<SparkJobException>(() => cluster.Session.Parallelize(rows, 4).Select(r => r.Id / zero).ToList());

        // The runtime's own exception type comes back as itself, the worker's details inside it.
        var own = Assert.IsType<DivideByZeroException>(error.InnerException);
        var remote = Assert.IsType<RemoteTaskException>(own.InnerException);
        Assert.Equal(typeof(DivideByZeroException).FullName, remote.RemoteType);
        Assert.Contains("System.DivideByZeroException", remote.RemoteStackTrace, StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:", remote.ExecutorId, StringComparison.Ordinal);
        Assert.Contains("DivideByZeroException", error.Message, StringComparison.Ordinal);
        // The session goes on working.
        Assert.Equal(100, cluster.Session.Parallelize(rows, 4).Count());
    }

    [Fact]
    public async Task WorkerWhoseTasksKeepFailing_isExcluded_andTheJobFinishesOnTheOther()
    {
        // Every task fails on one worker process and succeeds on the other (a bad disk, a missing native library).
        var bad = cluster.Workers[0].Id;
        var rows = Rows(1000);
        var listener = new Failures();
        using var session = await cluster.ConnectAsync(new SparkOptions { MaxTaskFailures = 4 });
        session.AddListener(listener);
        var ids = session.Parallelize(rows, 8).Select(r => FailOn(bad, r.Id)).ToList();

        Assert.Equal(rows.Select(r => r.Id), ids);
        // A failed task runs again elsewhere, and after two failures the worker takes none of the job's eight tasks.
        Assert.InRange(listener.Failed.Count, 1, 2);
        Assert.Single(listener.Failed.Select(t => t.ExecutorSlot).Distinct());
        Assert.All(listener.Failed, t => Assert.Contains($"worker {bad} fails", t.Error!.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancellation_reachesTheTasksOnTheWorkers()
    {
        var rows = Rows(64);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Each row sleeps 200 ms: 64 rows on two one-thread workers take over six seconds unless the tasks stop.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            cluster.Session.Parallelize(rows, 4).Select(r => Slow(r.Id)).ToListAsync(cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The job took {clock.Elapsed} to stop.");
        Assert.Equal(64, cluster.Session.Parallelize(rows, 4).Count());
    }

    private static int FailOn(int processId, int id) =>
        Environment.ProcessId == processId ? throw new InvalidOperationException($"worker {processId} fails every task") : id;

    private static int Slow(int id)
    {
        Thread.Sleep(200);
        return id;
    }

    private static Row[] Rows(int size) =>
        [.. Enumerable.Range(0, size).Select(i => new Row(i, i % 11 == 0 ? null : $"region-{i % 6}", i % 13 * 0.5, i % 3 == 0))];

    private static void Same<T>(IEnumerable<T> expected, IEnumerable<T> actual, bool ordered = false)
    {
        var (e, a) = (expected.ToList(), actual.ToList());
        if (!ordered)
        {
            e = [.. e.OrderBy(Text, StringComparer.Ordinal)];
            a = [.. a.OrderBy(Text, StringComparer.Ordinal)];
        }

        Assert.Equal(e.Select(Text), a.Select(Text));
    }

    private static string Text<T>(T value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";

    private sealed class Failures : ISparkListener
    {
        public List<TaskInfo> Failed { get; } = [];

        public void OnTaskEnd(TaskInfo task)
        {
            lock (Failed)
            {
                if (task.Error is not null)
                {
                    Failed.Add(task);
                }
            }
        }
    }

    private sealed class Slots : ISparkListener
    {
        public List<int> Seen { get; } = [];

        public void OnTaskEnd(TaskInfo task)
        {
            lock (Seen)
            {
                Seen.Add(task.ExecutorSlot);
            }
        }
    }
}
