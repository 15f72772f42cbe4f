using Linq.Spark.Execution.Buffers;

namespace Linq.Spark.Planning.Physical;

/// <summary>The typed hash-join code of one join.</summary>
internal interface IJoinRuntime
{
    /// <summary>Joins one partition of each side.</summary>
    PartitionData Join(PartitionData left, PartitionData right, object?[] parameters);

    /// <summary>Builds the lookup of a broadcast side from all its rows.</summary>
    object BuildLookup(PartitionData rows, object?[] parameters, bool leftSide);
}
