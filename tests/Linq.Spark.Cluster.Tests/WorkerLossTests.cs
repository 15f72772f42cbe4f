namespace Linq.Spark.Cluster.Tests;

/// <summary>
/// A worker process killed (SIGKILL) in the middle of a shuffle-heavy job: its running tasks run again on the other
/// worker, the map outputs it held are computed again when reducers cannot fetch them, and the job's answer is LINQ's.
/// With no worker left, a job fails naming that; a worker started then runs the same session's next job. Then that
/// worker and the master stop cleanly on SIGTERM, as a service manager stops them. (One test: each step needs the cluster as the step before left it.)
/// </summary>
public sealed class WorkerLossTests(ClusterProcesses cluster) : IClassFixture<ClusterProcesses>
{
    [Fact]
    public async Task KilledWorker_midShuffle_jobCompletesOnTheSurvivor_thenFailsClearlyWithNoneLeft_thenProcessesStopOnSigterm()
    {
        var rows = Enumerable.Range(0, 6_000).ToArray();
        var mapsEnded = new MapTasksEnded();
        cluster.Session.AddListener(mapsEnded);

        // The map side sleeps 1 ms a row: 8 map tasks of 750 rows on two one-thread workers take about 3 s.
        var job = cluster.Session.Parallelize(rows, 8)
            .Select(i => Slow(i))
            .GroupBy(i => $"key-{i % 97}")
            .Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(i => (long)i) })
            .ToListAsync();
        await mapsEnded.OnBothWorkers.WaitAsync(TimeSpan.FromSeconds(60));
        var victim = cluster.Workers[0];
        victim.Kill();
        await victim.WaitForExitAsync();

        var result = await job.WaitAsync(TimeSpan.FromSeconds(120));
        var expected = rows.GroupBy(i => $"key-{i % 97}").Select(g => new { g.Key, Count = g.Count(), Sum = g.Sum(i => (long)i) });
        Assert.Equal(expected.OrderBy(g => g.Key), result.OrderBy(g => g.Key));
        Assert.True(cluster.Session.CompletedJobs[^1].Stages.Sum(s => s.FailedTaskAttempts) > 0 || mapsEnded.Reran, "Nothing ran again after the kill.");

        var survivor = cluster.Workers[1];
        survivor.Kill();
        await survivor.WaitForExitAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var error = Assert.Throws<SparkJobException>(() => cluster.Session.Parallelize(rows, 4).Select(i => i + 1).ToList());
        Assert.Contains("No worker is left in the cluster", error.Message, StringComparison.Ordinal);

        // A worker that joins after the session connected takes its tasks (once the membership watch has seen it).
        var worker = await cluster.StartAsync(["worker", "--master", cluster.Master, "--threads", "1"], "joined");
        Assert.Equal(rows.Select(i => i + 1), await EventuallyAsync(() => cluster.Session.Parallelize(rows, 4).Select(i => i + 1).ToList()));
        await Terminate(worker);
        await Terminate(cluster.MasterProcess);
    }

    /// <summary>The query's answer once a worker is there to run it: up to 20 s of "no worker is left".</summary>
    private static async Task<T> EventuallyAsync<T>(Func<T> query)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                return query();
            }
            catch (SparkJobException e) when (e.Message.Contains("No worker is left", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private async Task Terminate(System.Diagnostics.Process process)
    {
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", $"{process.Id}"]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, process.ExitCode);
        await Task.Delay(200);
        Assert.Contains("stopped", cluster.OutputOf(process), StringComparison.Ordinal);
    }

    private static int Slow(int i)
    {
        Thread.Sleep(1);
        return i;
    }

    /// <summary>Signals once map tasks have ended on both workers, and whether a map task ran a second time.</summary>
    private sealed class MapTasksEnded : ISparkListener
    {
        private readonly HashSet<int> _slots = [];
        private readonly HashSet<(int Stage, int Partition)> _ended = [];
        private readonly TaskCompletionSource _both = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnBothWorkers => _both.Task;

        public bool Reran { get; private set; }

        public void OnTaskEnd(TaskInfo task)
        {
            lock (_slots)
            {
                if (task.Error is null && !_ended.Add((task.StageId, task.PartitionId)))
                {
                    Reran = true;
                }

                if (task.Error is null && _slots.Add(task.ExecutorSlot) && _slots.Count == 2)
                {
                    _both.TrySetResult();
                }
            }
        }
    }
}
