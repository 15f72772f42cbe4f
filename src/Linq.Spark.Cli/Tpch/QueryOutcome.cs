namespace Linq.Spark.Cli.Tpch;

/// <summary>One TPC-H query's run: its rows, its plan when asked for, its wall time and its jobs' metrics.</summary>
internal sealed record QueryOutcome(int Number, Type RowType, IReadOnlyList<object> Rows, string? Plan, TimeSpan WallTime, QueryMetrics Metrics);
