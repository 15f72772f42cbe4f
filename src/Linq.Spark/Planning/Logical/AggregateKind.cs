namespace Linq.Spark.Planning.Logical;

/// <summary>The decomposable aggregate functions: each has a partial state that merges across partitions.</summary>
internal enum AggregateKind
{
    Count,
    LongCount,
    Sum,
    Min,
    Max,
    Average,
}
