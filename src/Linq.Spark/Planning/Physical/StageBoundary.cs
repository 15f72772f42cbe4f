namespace Linq.Spark.Planning.Physical;

/// <summary>Whether an operator ends the stage below it, and how its output reaches the stage above.</summary>
internal enum StageBoundary
{
    /// <summary>Runs in the same stage as its input.</summary>
    None,

    /// <summary>Map tasks below write partitioned blocks; reduce tasks above read them (an Exchange).</summary>
    Shuffle,

    /// <summary>A job of its own collects the input first; every task above reads all of it.</summary>
    Broadcast,
}
