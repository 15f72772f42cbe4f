namespace Linq.Spark.Cli.Tpch;

/// <summary>One TPC-H query's runs: the last run's rows and jobs' metrics, its plan when asked for, and every run's wall time.</summary>
internal sealed record QueryOutcome(int Number, Type RowType, IReadOnlyList<object> Rows, string? Plan, IReadOnlyList<TimeSpan> WallTimes, QueryMetrics Metrics)
{
    /// <summary>The median of the runs' wall times (the lower middle one of an even count).</summary>
    public TimeSpan WallTime => WallTimes.Order().ElementAt((WallTimes.Count - 1) / 2);

    /// <summary>Combines this outcome with a later run of the same query: that run's rows and metrics, both runs' times.</summary>
    public QueryOutcome Then(QueryOutcome later) => later with { Plan = Plan ?? later.Plan, WallTimes = [.. WallTimes, .. later.WallTimes] };
}
