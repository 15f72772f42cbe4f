namespace Linq.Spark.Sources;

/// <summary>A Linq.Spark query as the planner sees a value in a query: a root over a data source, or operators over one.</summary>
internal interface ISparkQuery
{
    /// <summary>The data a root query scans; null for a query built from operators.</summary>
    IDataSource? Source { get; }
}
