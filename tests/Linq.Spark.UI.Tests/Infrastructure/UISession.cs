namespace Linq.Spark.UI.Tests.Infrastructure;

/// <summary>
/// A session of two executor threads whose jobs always run on them (<see cref="SparkOptions.InlineJobThresholdRows"/>
/// -1) and whose joins always shuffle (no broadcast), a listener recording its job submissions, and its UI on a free loopback port.
/// </summary>
public sealed class UISession : IAsyncDisposable
{
    /// <summary>The executor threads of the session.</summary>
    public const int ExecutorThreads = 2;

    /// <summary>Starts the session and its UI; an executor memory of a few bytes makes every shuffle block go to a file in <paramref name="localDirectory"/>.</summary>
    public UISession(int retainedJobs = 1000, long executorMemory = 0, string? localDirectory = null)
    {
        Session = SparkSession.Create(new SparkOptions
        {
            ExecutorThreads = ExecutorThreads, ShufflePartitions = 3, InlineJobThresholdRows = -1, AutoBroadcastThresholdRows = -1, RetainedJobs = retainedJobs,
            OperatorMetrics = true, ExecutorMemory = executorMemory, LocalDirectory = localDirectory,
        });
        Session.AddListener(Recorder);
        UI = Session.StartUI(port: 0);
    }

    /// <summary>The session.</summary>
    public SparkSession Session { get; }

    /// <summary>The session's UI.</summary>
    public SparkUI UI { get; }

    /// <summary>The job submissions the session sent.</summary>
    public RecordingListener Recorder { get; } = new();

    /// <summary>The gate held jobs wait at; opened when the session is disposed so no executor thread stays blocked.</summary>
    public Gate Gate { get; } = new();

    /// <summary>The UI's address for a path such as /jobs/0.</summary>
    public string At(string path) => new Uri(UI.Url, path).AbsoluteUri;

    /// <summary>
    /// Starts a three-stage job (two aggregations, then a join of their results) whose first stage's tasks wait at
    /// <see cref="Gate"/>, and returns once both executor threads hold one of them.
    /// </summary>
    public (Task<int> Job, JobSubmission Submission) StartHeldJob()
    {
        var gate = Gate;
        var orders = Session.Parallelize(Enumerable.Range(0, 2_000).ToArray(), 4);
        var customers = Session.Parallelize(Enumerable.Range(0, 400).ToArray(), 2);
        var counts = from o in orders
                     where o > 1 && o < 1_900 && gate.Pass(o)
                     group o by o % 10 into g
                     select new { g.Key, Count = g.Count() };
        var sums = from c in customers
                   group c by c % 10 into g
                   select new { g.Key, Sum = g.Sum() };
        var joined = counts.Join(sums, a => a.Key, b => b.Key, (a, b) => new { a.Key, a.Count, b.Sum });
        var job = Task.Run(async () => (await joined.ToListAsync()).Count);
        Eventually.True(() => gate.Waiting >= ExecutorThreads || job.IsCompleted, "both executor threads to hold a task at the gate");
        return (job, Recorder.Latest());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Gate.Open();
        await UI.DisposeAsync();
        Session.Dispose();
    }
}
