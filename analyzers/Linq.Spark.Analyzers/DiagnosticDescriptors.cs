using Microsoft.CodeAnalysis;

namespace Linq.Spark.Analyzers;

/// <summary>The registry of every rule's descriptor: ID, title, message and default severity.</summary>
/// <remarks>
/// The descriptors carry no help link: the project publishes its rule pages nowhere on the web, and a link to an
/// address nobody owns would be worse than none. Reported diagnostics link to the pages shipped in the package, or
/// to a base URL a team sets (<see cref="RuleHelpLinks"/>; docs/rules/README.md, "Help links").
/// </remarks>
public static class DiagnosticDescriptors
{
    private const string Performance = "Performance";
    private const string Reliability = "Reliability";

    /// <summary>LQS001: GroupBy whose groups are used as collections.</summary>
    public static readonly DiagnosticDescriptor AvoidGroupByKey = Create(
        DiagnosticIds.AvoidGroupByKey,
        "GroupBy materializes whole groups (groupByKey)",
        "The group '{0}' is used as a collection ({1}); every row of the group is shuffled, use an aggregate instead",
        Performance,
        DiagnosticSeverity.Warning,
        "A GroupBy whose groups are only aggregated is combined on the map side before the shuffle; a group used as a collection ships every row to one task.");

    /// <summary>LQS002: more shuffles in one query than the configured limit.</summary>
    public static readonly DiagnosticDescriptor ShuffleLimit = Create(
        DiagnosticIds.ShuffleLimit,
        "Too many shuffles in one query",
        "'{0}' is shuffle number {1} in this query, more than the limit of {2} (linq_spark.max_shuffles)",
        Performance,
        DiagnosticSeverity.Warning,
        "Every shuffle writes and reads every row of the query; a chain with many of them usually wants to be split, cached or reordered.");

    /// <summary>LQS003: implicit cartesian product.</summary>
    public static readonly DiagnosticDescriptor CartesianProduct = Create(
        DiagnosticIds.CartesianProduct,
        "Implicit cartesian product",
        "'{0}' pairs every row of one session query with every row of another ({1})",
        Performance,
        DiagnosticSeverity.Warning,
        "A second from clause over an uncorrelated session query, or a join on constant keys, produces the product of both sides.");

    /// <summary>LQS004: sort discarded by a later shuffle.</summary>
    public static readonly DiagnosticDescriptor DiscardedSort = Create(
        DiagnosticIds.DiscardedSort,
        "Sort discarded by a later shuffle",
        "The order from '{0}' is discarded by the later '{1}', which shuffles the rows",
        Performance,
        DiagnosticSeverity.Warning,
        "A shuffle hash-partitions its input, so a sort before it costs a range shuffle and a sort for nothing.");

    /// <summary>LQS005: filter after a shuffle that could run before it.</summary>
    public static readonly DiagnosticDescriptor FilterAfterShuffle = Create(
        DiagnosticIds.FilterAfterShuffle,
        "Filter could run before the shuffle",
        "This Where tests only {0}; move it before '{1}' so fewer rows are shuffled",
        Performance,
        DiagnosticSeverity.Warning,
        "A filter that reads only the grouping key, or only one side of a join, gives the same answer before the shuffle and shrinks it.");

    /// <summary>LQS006: join with a small inner side that is not broadcast.</summary>
    public static readonly DiagnosticDescriptor BroadcastSmallJoinSide = Create(
        DiagnosticIds.BroadcastSmallJoinSide,
        "Small join side is not broadcast",
        "The inner side of '{0}' is {1}; mark it with Broadcast() so the outer side is not shuffled",
        Performance,
        DiagnosticSeverity.Info,
        "A broadcast join builds the small side once and sends it to every task instead of shuffling both sides.");

    /// <summary>LQS007: lambda that captures a large local collection.</summary>
    public static readonly DiagnosticDescriptor CapturedCollection = Create(
        DiagnosticIds.CapturedCollection,
        "Lambda captures a large local collection",
        "The lambda captures the {1} '{0}', which is shipped to every task; join with it or Broadcast() it",
        Performance,
        DiagnosticSeverity.Warning,
        "A captured collection becomes part of every task's closure; a broadcast join ships it once per executor.");

    /// <summary>LQS008: Take/First/Skip after a shuffle with no ordering.</summary>
    public static readonly DiagnosticDescriptor NondeterministicLimit = Create(
        DiagnosticIds.NondeterministicLimit,
        "Nondeterministic result after a shuffle",
        "'{0}' after '{1}' with no OrderBy between returns rows in an unspecified order",
        Reliability,
        DiagnosticSeverity.Info,
        "After a shuffle the order of rows depends on task timing, so which rows Take, First or Skip see can change from run to run.");

    /// <summary>LQS009: query variable that runs several actions without Cache().</summary>
    public static readonly DiagnosticDescriptor MissingCache = Create(
        DiagnosticIds.MissingCache,
        "Query runs several actions without Cache()",
        "The query '{0}' is computed again by this action ({1}); add Cache() to its definition",
        Performance,
        DiagnosticSeverity.Info,
        "Each action runs the whole job from the sources; Cache() keeps the partitions after the first one.");

    /// <summary>LQS010: Repartition where Coalesce, or nothing, would do.</summary>
    public static readonly DiagnosticDescriptor UnnecessaryRepartition = Create(
        DiagnosticIds.UnnecessaryRepartition,
        "Unnecessary Repartition",
        "This Repartition is a wasted shuffle: {0}",
        Performance,
        DiagnosticSeverity.Info,
        "Repartition always shuffles; Coalesce lowers the partition count without one, and a GroupBy or Join shuffles again by its own key.");

    /// <summary>LQS011: call inside a Where/Select/key lambda that blocks vectorization.</summary>
    public static readonly DiagnosticDescriptor VectorizationBlocker = Create(
        DiagnosticIds.VectorizationBlocker,
        "Call blocks vectorization",
        "The call to '{0}' in this {1} lambda is outside the vectorizable set; the stage runs row by row",
        Performance,
        DiagnosticSeverity.Info,
        "Only member access, constants, captured values, arithmetic, comparisons, logic, conditionals, numeric casts, Math.Abs/Min/Max and DateOnly comparisons compile to SIMD kernels.");

    /// <summary>LQS012: shuffle key with one or two values.</summary>
    public static readonly DiagnosticDescriptor SkewedShuffleKey = Create(
        DiagnosticIds.SkewedShuffleKey,
        "Shuffle key sends all rows to a few tasks",
        "The key of '{0}' is {1}, so all rows go to at most {2} task(s)",
        Performance,
        DiagnosticSeverity.Warning,
        "Rows are hash-partitioned by key; a key with one or two values leaves every other task idle and one task with all the data.");

    /// <summary>LQS013: synchronous action inside an async method.</summary>
    public static readonly DiagnosticDescriptor SyncActionInAsyncMethod = Create(
        DiagnosticIds.SyncActionInAsyncMethod,
        "Synchronous action in an async method",
        "'{0}' blocks a thread until the Spark job ends; in an async method use {1}",
        Performance,
        DiagnosticSeverity.Warning,
        "A job can run for minutes; blocking a thread-pool thread for it starves the async code around it.");

    private static DiagnosticDescriptor Create(
        string id, string title, string message, string category, DiagnosticSeverity severity, string description) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description);
}
