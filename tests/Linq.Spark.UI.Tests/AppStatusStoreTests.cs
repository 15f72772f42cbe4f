using Linq.Spark.UI.Status;

namespace Linq.Spark.UI.Tests;

/// <summary>The store behind the pages, fed by a real session's events.</summary>
public sealed class AppStatusStoreTests
{
    [Fact]
    public void TaskHistory_moreTasksThanKept_dropsTheOldestFinishedAndKeepsTheTotals()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 2, InlineJobThresholdRows = -1 });
        var store = new AppStatusStore(executorThreads: 2, retainedJobs: 10, maxTasksPerStage: 3);
        session.AddListener(store);

        Assert.Equal(1_000, session.Parallelize(Enumerable.Range(0, 1_000).ToArray(), 10).Count());

        var stageId = session.CompletedJobs.Single().Stages.Single().StageId;
        var stage = store.Stage(stageId)!;
        Assert.Equal(3, stage.Tasks!.Count);
        Assert.Equal(7, stage.DroppedTasks);
        Assert.Equal(10, stage.CompletedTasks);
        Assert.Equal(StageStatus.Complete, stage.Status);
        Assert.Equal(10, store.Executors().Sum(e => e.CompletedTasks));
        Assert.All(store.Executors(), e => Assert.Equal(0, e.ActiveTasks));
    }

    [Fact]
    public void Stop_forgetsEverythingAndRecordsNoMore()
    {
        using var session = SparkSession.Create(new SparkOptions { ExecutorThreads = 1, InlineJobThresholdRows = -1 });
        var store = new AppStatusStore(executorThreads: 1, retainedJobs: 10);
        session.AddListener(store);
        var rows = session.Parallelize(Enumerable.Range(0, 10).ToArray(), 2);
        Assert.Equal(10, rows.Count());
        Assert.Single(store.Jobs());

        store.Stop();
        Assert.Equal(10, rows.Count());

        Assert.Empty(store.Jobs());
    }
}
