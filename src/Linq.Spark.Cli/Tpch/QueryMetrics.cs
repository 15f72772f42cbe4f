namespace Linq.Spark.Cli.Tpch;

/// <summary>What the jobs of one query did, summed: jobs, stages, tasks, shuffle writes and the shuffle bytes spilled to disk.</summary>
internal sealed record QueryMetrics(int Jobs, int Stages, int Tasks, int FailedTaskAttempts, long ShuffleRows, long ShuffleBytes, long SpilledBytes = 0)
{
    public static QueryMetrics From(IReadOnlyCollection<JobInfo> jobs) => new(
        jobs.Count,
        jobs.Sum(j => j.Stages.Count),
        jobs.Sum(j => j.Stages.Sum(s => s.NumTasks)),
        jobs.Sum(j => j.Stages.Sum(s => s.FailedTaskAttempts)),
        jobs.Sum(j => j.Stages.Sum(s => s.ShuffleWriteRows)),
        jobs.Sum(j => j.Stages.Sum(s => s.ShuffleWriteBytes)),
        jobs.Sum(j => j.Stages.Sum(s => s.SpilledBytes)));

    public QueryMetrics Add(QueryMetrics other) => new(
        Jobs + other.Jobs,
        Stages + other.Stages,
        Tasks + other.Tasks,
        FailedTaskAttempts + other.FailedTaskAttempts,
        ShuffleRows + other.ShuffleRows,
        ShuffleBytes + other.ShuffleBytes,
        SpilledBytes + other.SpilledBytes);
}
