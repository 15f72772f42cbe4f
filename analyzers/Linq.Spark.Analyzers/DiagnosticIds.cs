namespace Linq.Spark.Analyzers;

/// <summary>The fixed rule IDs, in one place so analyzers, code fixes, docs and tests agree.</summary>
public static class DiagnosticIds
{
    /// <summary>GroupBy whose groups are used as collections (Spark's groupByKey).</summary>
    public const string AvoidGroupByKey = "LQS001";

    /// <summary>More shuffles in one query than the configured limit.</summary>
    public const string ShuffleLimit = "LQS002";

    /// <summary>Implicit cartesian product of two session queries.</summary>
    public const string CartesianProduct = "LQS003";

    /// <summary>Sort discarded by a later shuffle.</summary>
    public const string DiscardedSort = "LQS004";

    /// <summary>Filter after a shuffle that could run before it.</summary>
    public const string FilterAfterShuffle = "LQS005";

    /// <summary>Join with a small inner side that is not broadcast.</summary>
    public const string BroadcastSmallJoinSide = "LQS006";

    /// <summary>Lambda that captures a large local collection.</summary>
    public const string CapturedCollection = "LQS007";

    /// <summary>Take/First/Skip after a shuffle with no ordering.</summary>
    public const string NondeterministicLimit = "LQS008";

    /// <summary>Query variable that runs several actions without Cache().</summary>
    public const string MissingCache = "LQS009";

    /// <summary>Repartition where Coalesce, or nothing, would do.</summary>
    public const string UnnecessaryRepartition = "LQS010";

    /// <summary>Call inside a Where/Select/key lambda that blocks vectorization.</summary>
    public const string VectorizationBlocker = "LQS011";

    /// <summary>Shuffle key with one or two values (skew).</summary>
    public const string SkewedShuffleKey = "LQS012";

    /// <summary>Synchronous action inside an async method.</summary>
    public const string SyncActionInAsyncMethod = "LQS013";
}
