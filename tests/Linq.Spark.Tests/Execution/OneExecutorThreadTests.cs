namespace Linq.Spark.Tests;

/// <summary>
/// No job may wait for a task slot that it holds itself: with a single executor thread, every operator family must
/// finish (and give LINQ to Objects' answer). A query that enumerated another query from inside a task would hang here.
/// </summary>
public sealed class OneExecutorThreadTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static readonly IReadOnlyList<Row> Rows = TestData.Prefix(TestData.Rows, 200);

    private readonly SparkSession _session = SparkSession.Create(new SparkOptions { ExecutorThreads = 1, ShufflePartitions = 3, AutoBroadcastThresholdRows = -1 });

    /// <summary>Every operator family, by name: each runs over a 3-partition source and a 2-partition one.</summary>
    public static TheoryData<string> Families => [.. Cases.Keys];

    private static Dictionary<string, Func<IQueryable<Row>, IQueryable<Row>, object?>> Cases { get; } = new()
    {
        ["narrow"] = (q, _) => q.Where(x => x.Key > 3).Select(x => x.Id * 2).ToList(),
        ["SelectMany"] = (q, _) => q.SelectMany(x => new[] { x.Id, x.Key }).Count(),
        ["aggregate"] = (q, _) => q.GroupBy(x => x.Key).Select(g => new { g.Key, S = g.Sum(x => x.A) }).OrderBy(p => p.Key).ToList(),
        ["global aggregate"] = (q, _) => q.Sum(x => x.B),
        ["materialized GroupBy"] = (q, _) => q.GroupBy(x => x.Kind).Select(g => g.Select(x => x.Id).Order().ToList()).ToList().OrderBy(l => l[0]).ToList(),
        ["CountBy and AggregateBy"] = (q, _) => q.CountBy(x => x.Key).Sum(p => p.Value) + q.AggregateBy(x => x.Kind, 0L, (s, x) => s + x.A).Sum(p => p.Value),
        ["shuffled Join"] = (q, o) => q.Join(o, x => x.Key, y => y.Key, (x, y) => x.Id + y.Id).Count(),
        ["broadcast Join"] = (q, _) => q.Join(TestData.Dims, x => x.Key, d => d.Key, (x, d) => x.Id - d.Key).Sum(),
        ["GroupJoin and LeftJoin"] = (q, o) => q.GroupJoin(o, x => x.Id, y => y.Key, (x, ys) => ys.Count()).Sum() + q.LeftJoin(o, x => x.Id, y => y.Key, (x, y) => y == null ? 1 : 2).Sum(),
        ["Distinct"] = (q, _) => q.Select(x => x.Name).Distinct().Count(),
        ["set operations"] = (q, o) => q.Select(x => x.Key).Union(o.Select(y => y.Key)).Intersect(q.Select(x => x.Id)).Except(o.Select(y => y.Id % 5)).Count(),
        ["OrderBy"] = (q, _) => q.OrderBy(x => x.A).ThenBy(x => x.Id).Select(x => x.Id).ToList(),
        ["OrderBy Take"] = (q, _) => q.OrderByDescending(x => x.B).ThenBy(x => x.Id).Take(5).Select(x => x.Id).ToList(),
        ["Skip Take Last"] = (q, _) => q.Skip(3).Take(50).Last().Id,
        ["element actions"] = (q, _) => (q.First().Id, q.ElementAt(7).Id, q.Any(x => x.Key == 3), q.All(x => x.Id >= 0), q.LastOrDefault(x => x.Key == 99)?.Id),
        ["sequential"] = (q, _) => q.Reverse().TakeWhile(x => x.Id > 50).Select((x, i) => x.Id + i).ToList(),
        ["Zip"] = (q, o) => q.Select(x => x.Id).Zip(o.Select(y => y.Key), (a, b) => a * b).ToList(),
        ["Zip of three"] = (q, o) => q.Zip(o, q.Skip(1)).Select(t => t.First.Id + t.Second.Id + t.Third.Id).ToList(),
        ["Zip Concat Zip"] = (q, _) => q.Zip(q).Concat(q.Zip(q)).Count(),
        ["SequenceEqual"] = (q, o) => q.Select(x => x.Id).SequenceEqual(o.Select(y => y.Id)),
        ["Concat DefaultIfEmpty"] = (q, o) => q.Where(x => x.Key > 100).DefaultIfEmpty().Concat(o).Count(),
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task OperatorFamily_withOneExecutorThread_finishesWithLinqsAnswer(string family)
    {
        var run = Cases[family];
        var expected = Canonical.Of(run(Rows.AsQueryable(), Rows.Take(120).AsQueryable()));

        var actual = await Finishes(family, () => run(_session.Parallelize(Rows, 3), _session.Parallelize(Rows.Take(120), 2)));

        Assert.Null(ResultComparer.CompareValues(expected, Canonical.Of(actual)));
    }

    [Fact]
    public async Task Cache_withOneExecutorThread_finishesAndReuses()
    {
        var cached = _session.Parallelize(Rows, 3).Where(x => x.Key != 3).Cache();

        int first = await Finishes("Cache then Zip", () => cached.Zip(cached).Count());

        Assert.Equal(Rows.Count(x => x.Key != 3), first);
        Assert.Equal(first, await Finishes("second action", () => cached.Count()));
    }

    /// <summary>Runs a blocking action off the test thread and fails the test if it does not finish in time.</summary>
    private static async Task<T> Finishes<T>(string what, Func<T> action)
    {
        var job = Task.Run(action);
        var finished = await Task.WhenAny(job, Task.Delay(Limit));
        Assert.True(finished == job, $"{what} did not finish within {Limit.TotalSeconds} s on one executor thread.");
        return await job;
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
