namespace Linq.Spark.Tests;

/// <summary>
/// The driver's side of a lost executor, on in-process executors: when reducers cannot fetch the blocks a lost
/// executor held, the map tasks that wrote them run again on another executor, then the reducers, and the answer is
/// LINQ's, with no task attempt counted as failed.
/// </summary>
public sealed class ExecutorLossTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void LostExecutor_afterTheMapStage_itsOutputsAreComputedAgain(int executors)
    {
        var backend = new InProcessExecutors(executors);
        using var session = InProcessExecutors.Session(new SparkOptions { ShufflePartitions = 3 }, backend);
        var listener = new LoseAfterFirstStage(backend);
        session.AddListener(listener);
        var rows = Enumerable.Range(0, 1_000).ToArray();

        var result = session.Parallelize(rows, 6).GroupBy(i => $"k{i % 17}").Select(g => new { g.Key, Sum = g.Sum(i => (long)i) }).ToList();

        Assert.Equal(rows.GroupBy(i => $"k{i % 17}").Select(g => new { g.Key, Sum = g.Sum(i => (long)i) }).OrderBy(g => g.Key), result.OrderBy(g => g.Key));
        Assert.True(listener.MapTasksRunAgain > 0, "No map task ran again after its executor was lost.");
        Assert.Equal(0, session.CompletedJobs[^1].Stages.Sum(s => s.FailedTaskAttempts));
    }

    /// <summary>Loses executor 0 once the job's first stage (the map side of its shuffle) has finished, and counts map tasks that ran twice.</summary>
    private sealed class LoseAfterFirstStage(InProcessExecutors backend) : ISparkListener
    {
        private readonly HashSet<(int Stage, int Partition)> _ended = [];
        private int _stages;

        public int MapTasksRunAgain { get; private set; }

        public void OnStageCompleted(int jobId, StageInfo stage)
        {
            if (Interlocked.Increment(ref _stages) == 1)
            {
                backend.Lose(0);
            }
        }

        public void OnTaskEnd(TaskInfo task)
        {
            lock (_ended)
            {
                if (task.Error is null && !_ended.Add((task.StageId, task.PartitionId)))
                {
                    MapTasksRunAgain++;
                }
            }
        }
    }
}
