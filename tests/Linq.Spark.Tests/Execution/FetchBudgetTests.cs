using Linq.Spark.Execution.Remote;

namespace Linq.Spark.Tests;

/// <summary>The limit on fetched shuffle bytes an executor holds: others wait, a task holding some never waits for itself.</summary>
public sealed class FetchBudgetTests
{
    [Fact]
    public async Task Fetch_pastTheLimit_waitsUntilAnotherTaskReleases()
    {
        var budget = new FetchBudget(100);
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = Task.Factory.StartNew(
            () =>
            {
                var taken = budget.Acquire(80, CancellationToken.None);
                held.Set();
                release.Wait();
                budget.Release(taken);
            },
            TaskCreationOptions.LongRunning);
        held.Wait();

        var waiter = Task.Factory.StartNew(() => budget.Release(budget.Acquire(30, CancellationToken.None)), TaskCreationOptions.LongRunning);
        await Task.Delay(300);
        Assert.False(waiter.IsCompleted, "A fetch that would pass the limit went ahead while another task held 80 of 100 bytes.");
        Assert.Equal(80, budget.InFlight);

        release.Set();
        await Task.WhenAll(holder, waiter).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, budget.InFlight);
    }

    [Fact]
    public void Task_holdingFetchedBytes_isNeverMadeToWaitForItself()
    {
        // A merge of several map outputs reads them at once: its second fetch passes the limit instead of waiting.
        var budget = new FetchBudget(100);
        var first = budget.Acquire(90, CancellationToken.None);
        var second = budget.Acquire(90, CancellationToken.None);

        Assert.Equal(180, budget.InFlight);
        budget.Release(second);
        budget.Release(first);
        Assert.Equal(0, budget.InFlight);
    }

    [Fact]
    public void Fetch_largerThanTheLimit_goesAloneAndCountsAsTheLimit()
    {
        var budget = new FetchBudget(100);

        var taken = budget.Acquire(10_000, CancellationToken.None);

        Assert.Equal(100, taken);
        budget.Release(taken);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FetchBudget(0));
    }
}
