namespace Linq.Spark.Analyzers;

/// <summary>Keys and values that analyzers put in a diagnostic's properties for the code fixes to read.</summary>
public static class DiagnosticProperties
{
    /// <summary>Which mechanical rewrite the code fix may apply; absent when none is safe.</summary>
    public const string Fix = "Fix";

    /// <summary>The text of an expression that yields the query's <c>SparkSession</c>.</summary>
    public const string Session = "Session";

    /// <summary>The name of a <c>CancellationToken</c> in scope, if any.</summary>
    public const string CancellationToken = "CancellationToken";

    /// <summary>Whether the captured collection may hold duplicates ("true"/"false").</summary>
    public const string MayHaveDuplicates = "MayHaveDuplicates";

    /// <summary>LQS001: <c>g.Select(f).Sum()</c> becomes <c>g.Sum(f)</c>.</summary>
    public const string FoldSelect = "FoldSelect";

    /// <summary>LQS001: <c>g.Select(f).Count()</c> becomes <c>g.Count()</c>.</summary>
    public const string DropSelect = "DropSelect";

    /// <summary>LQS001: <c>g.Where(p).Count()</c> becomes <c>g.Count(p)</c>.</summary>
    public const string FoldWhere = "FoldWhere";

    /// <summary>LQS001: <c>g.Aggregate(0, (a, x) =&gt; a + f(x))</c> becomes <c>g.Sum(x =&gt; f(x))</c>.</summary>
    public const string AggregateToSum = "AggregateToSum";

    /// <summary>LQS010: rename Repartition to Coalesce.</summary>
    public const string UseCoalesce = "UseCoalesce";

    /// <summary>LQS010 and LQS004: remove the operator.</summary>
    public const string Remove = "Remove";

    /// <summary>LQS005: move the filter before a GroupBy.</summary>
    public const string MoveBeforeGroupBy = "MoveBeforeGroupBy";

    /// <summary>LQS005: move the filter onto the outer side of a join.</summary>
    public const string MoveToOuter = "MoveToOuter";

    /// <summary>LQS005: move the filter onto the inner side of a join.</summary>
    public const string MoveToInner = "MoveToInner";

    /// <summary>LQS006: append Broadcast() to the inner query.</summary>
    public const string AppendBroadcast = "AppendBroadcast";

    /// <summary>LQS006: parallelize the in-memory inner side and broadcast it.</summary>
    public const string ParallelizeAndBroadcast = "ParallelizeAndBroadcast";

    /// <summary>LQS007: turn <c>Where(x =&gt; set.Contains(k))</c> into a broadcast join.</summary>
    public const string JoinWithBroadcast = "JoinWithBroadcast";

    /// <summary>LQS009: append Cache() to the query variable's definition.</summary>
    public const string AppendCache = "AppendCache";

    /// <summary>LQS013: replace ToList() with await ToListAsync(ct).</summary>
    public const string UseToListAsync = "UseToListAsync";
}
