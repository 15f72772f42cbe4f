namespace Linq.Spark.Planning.Physical;

/// <summary>Which half of a two-phase aggregation a node runs (Spark's Partial and Final modes).</summary>
internal enum AggregateMode
{
    Partial,
    Final,
}
