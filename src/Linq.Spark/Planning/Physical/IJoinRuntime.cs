using Linq.Spark.Buffers;

namespace Linq.Spark.Planning.Physical;

/// <summary>The typed hash-join code of one join.</summary>
internal interface IJoinRuntime
{
    /// <summary>Builds the lookup over a join's build rows: a broadcast side, or one partition of a shuffled side.</summary>
    object BuildLookup(PartitionData rows, object?[] parameters, bool leftSide);

    /// <summary>An empty lookup for one side, for a build kernel over columns to fill.</summary>
    object NewLookup(object?[] parameters, bool leftSide, int capacity);
}
