namespace Linq.Spark.Planning.Serialization;

/// <summary>Which physical operator follows in a plan's payload.</summary>
internal enum OperatorTag : byte
{
    Scan,
    Filter,
    Project,
    FlatMap,
    LocalLimit,
    BroadcastHashJoin,
    ShuffledHashJoin,
    ShuffleExchange,
    BroadcastExchange,
    HashAggregate,
    GroupBy,
    Distinct,
    SetOperation,
    Sort,
    TopN,
    GlobalLimit,
    Union,
    Values,
    Coalesce,
    Cache,
    Sequential,
    WriteFiles,
    DriverRows,
    DriverSteps,
}
