using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Tests of the Spark-only operators Repartition, Coalesce, Cache and Persist: answers against LINQ to Objects, and Cache's reuse.</summary>
public sealed class RepartitionCoalesceCacheTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Repartition_keepsTheMultiset(int partitions) =>
        AssertQuery(Rows, q => q.SparkOnly(s => s.Repartition(partitions)).Where(x => x.B > 0), q => q.Where(x => x.B > 0));

    [Fact]
    public void Repartition_thenOrderBy_isOrdered() =>
        AssertQuery(Rows, q => q.SparkOnly(s => s.Repartition(4)).OrderBy(x => x.Id).Select(x => x.Id), q => q.OrderBy(x => x.Id).Select(x => x.Id));

    [Fact]
    public void Repartition_thenGroupBy_matchesLinq() =>
        AssertQuery(
            Rows,
            q => q.SparkOnly(s => s.Repartition(6)).GroupBy(x => x.Key).Select(g => new { g.Key, Sum = g.Sum(x => x.A) }),
            q => q.GroupBy(x => x.Key).Select(g => new { g.Key, Sum = g.Sum(x => x.A) }));

    [Fact]
    public void Repartition_thenCount_countsAll() =>
        AssertScalar(Rows, q => q.SparkOnly(s => s.Repartition(3)).Count(), q => q.Count());

    [Fact]
    public void Repartition_zeroPartitions_throwsArgumentException()
    {
        var session = Session(ExecutionMode.Vectorized);
        Assert.ThrowsAny<ArgumentException>(() => session.Parallelize(Rows, 2).Repartition(0).ToList());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Coalesce_keepsTheMultiset(int partitions) =>
        AssertQuery(Rows, q => q.SparkOnly(s => s.Coalesce(partitions)).Select(x => x.Id), q => q.Select(x => x.Id));

    [Fact]
    public void Coalesce_moreThanCurrent_keepsTheMultiset() =>
        AssertQuery(Rows, q => q.SparkOnly(s => s.Coalesce(50)).Where(x => x.Kind == Kind.Beta), q => q.Where(x => x.Kind == Kind.Beta));

    [Fact]
    public void Coalesce_thenAggregate_matchesLinq() =>
        AssertScalar(Rows, q => q.SparkOnly(s => s.Coalesce(1)).Sum(x => x.A), q => q.Sum(x => x.A));

    [Fact]
    public void Cache_narrowChain_matchesLinqAndKeepsOrder() =>
        AssertQuery(Rows, q => q.Where(x => x.Key != 3).SparkOnly(s => s.Cache()).Select(x => x.Id), q => q.Where(x => x.Key != 3).Select(x => x.Id));

    [Theory]
    [InlineData(StorageLevel.MemoryOnly)]
    [InlineData(StorageLevel.MemoryAndDisk)]
    [InlineData(StorageLevel.DiskOnly)]
    public void Persist_eachLevel_matchesLinqAndKeepsOrder(StorageLevel level) =>
        AssertQuery(Rows, q => q.Where(x => x.Key != 3).SparkOnly(s => s.Persist(level)).Select(x => new { x.Id, x.Name, x.N }), q => q.Where(x => x.Key != 3).Select(x => new { x.Id, x.Name, x.N }));

    [Fact]
    public void Cache_afterGroupBy_matchesLinq() =>
        AssertQuery(
            Rows,
            q => q.GroupBy(x => x.Kind).Select(g => new { g.Key, Count = g.Count() }).SparkOnly(s => s.Cache()).Where(p => p.Count > 2),
            q => q.GroupBy(x => x.Kind).Select(g => new { g.Key, Count = g.Count() }).Where(p => p.Count > 2));

    [Fact]
    public void Cache_secondAction_doesNotRunLambdasBeforeCacheAgain()
    {
        var session = Session(ExecutionMode.Vectorized);
        var counter = new CallCounter();
        var cached = session.Parallelize(Rows, 4).Select(x => counter.Count(x)).Cache();

        var firstAnswer = cached.Where(x => x.Key == TestData.SkewedKey).Select(x => x.Id).ToList();
        long callsAfterFirst = counter.Calls;
        int secondAnswer = cached.Count(x => x.B > 0);
        long total = cached.Sum(x => x.A);

        Assert.Equal(Rows.Where(x => x.Key == TestData.SkewedKey).Select(x => x.Id), firstAnswer);
        Assert.Equal(Rows.Count(x => x.B > 0), secondAnswer);
        Assert.Equal(Rows.Sum(x => x.A), total);
        Assert.Equal(Rows.Count, callsAfterFirst);
        Assert.Equal(callsAfterFirst, counter.Calls);
    }

    [Fact]
    public void Cache_notCached_runsLambdasOnEveryAction()
    {
        // The control for the test above: without Cache every action runs the lambda again.
        var session = Session(ExecutionMode.Vectorized);
        var counter = new CallCounter();
        var query = session.Parallelize(Rows, 4).Select(x => counter.Count(x));

        _ = query.Count();
        _ = query.Count();

        Assert.Equal(2L * Rows.Count, counter.Calls);
    }

    [Fact]
    public void Cache_ofShuffleResult_secondActionDoesNotRecompute()
    {
        var session = Session(ExecutionMode.RowMode);
        var counter = new CallCounter();
        var cached = session.Parallelize(Rows, 3).Select(x => counter.Count(x)).GroupBy(x => x.Key).Select(g => new { g.Key, Count = g.Count() }).Cache();

        var first = cached.ToList();
        long calls = counter.Calls;
        int keys = cached.Count();

        Assert.Equal(Rows.Select(r => r.Key).Distinct().Count(), first.Count);
        Assert.Equal(first.Count, keys);
        Assert.Equal(calls, counter.Calls);
    }

    [Fact]
    public void Cache_capturedValueChanged_isAnotherDataSet()
    {
        var session = Session(ExecutionMode.Vectorized);
        var counter = new CallCounter();
        int minimumKey = 5;
        var cached = session.Parallelize(Rows, 3).Select(x => counter.Count(x)).Where(x => x.Key >= minimumKey).Cache();

        int five = cached.Count();
        minimumKey = 15;
        int fifteen = cached.Count();
        long callsAfterTwoValues = counter.Calls;
        minimumKey = 5;
        int fiveAgain = cached.Count();

        Assert.Equal(Rows.Count(x => x.Key >= 5), five);
        Assert.Equal(Rows.Count(x => x.Key >= 15), fifteen);
        Assert.Equal(five, fiveAgain);
        Assert.Equal(2L * Rows.Count, callsAfterTwoValues);
        Assert.Equal(callsAfterTwoValues, counter.Calls);
    }

    [Fact]
    public void Cache_valueChangedAfterTheCacheOnly_reusesTheCachedData()
    {
        var session = Session(ExecutionMode.RowMode);
        var counter = new CallCounter();
        var cached = session.Parallelize(Rows, 3).Select(x => counter.Count(x)).Cache();

        foreach (int minimumKey in new[] { 5, 15, 20 })
        {
            Assert.Equal(Rows.Count(x => x.Key >= minimumKey), cached.Count(x => x.Key >= minimumKey));
        }

        Assert.Equal(Rows.Count, counter.Calls);
    }
}
