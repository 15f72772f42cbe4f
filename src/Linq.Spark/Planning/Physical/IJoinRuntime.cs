using Linq.Spark.Execution.Buffers;

namespace Linq.Spark.Planning.Physical;

/// <summary>The typed hash-join code of one join.</summary>
internal interface IJoinRuntime
{
    /// <summary>Builds the lookup over a join's build rows: a broadcast side, or one partition of a shuffled side.</summary>
    object BuildLookup(PartitionData rows, object?[] parameters, bool leftSide);
}
