using System.Linq.Expressions;

namespace Linq.Spark.Compilation;

/// <summary>
/// What a kernel may ask of the task that runs it: whether to stop, which partition and batch it reads, what it
/// carries from batch to batch, and the join lookups its probes read. The executor's task context implements it;
/// kernels know nothing else about tasks or jobs.
/// </summary>
/// <param name="parameters">The job's parameter values.</param>
/// <param name="cancel">The job's stop flag.</param>
/// <param name="operatorCount">The plan's operator count when the query counts its operators' rows, else null.</param>
internal abstract class TaskControl(object?[] parameters, CancelFlag cancel, int? operatorCount)
{
    /// <summary>The job's parameter values, in plan slot order.</summary>
    public object?[] Parameters { get; } = parameters;

    /// <summary>Set once the job is cancelled or failed; kernels read it every row, which costs a load.</summary>
    public CancelFlag Cancel { get; } = cancel;

    /// <summary>
    /// The partition the running kernel reads, which operators fused into it (a shuffled join's build side) read too.
    /// It differs from the task's partition under a union or a coalesce, whose task reads several.
    /// </summary>
    public int KernelPartition { get; set; }

    /// <summary>Where the running kernel's batch starts in its partition: the rows of the partition's earlier batches.</summary>
    public int BatchStart { get; set; }

    /// <summary>
    /// Counters a kernel's operators carry from one batch of a partition to the next (a limit's remaining rows), in
    /// the order the kernel declared them; null before the partition's first batch.
    /// </summary>
    public int[]? Carried { get; set; }

    /// <summary>Set by a kernel that needs no more of its partition (a limit was reached): its later batches are not read.</summary>
    public bool InputDone { get; set; }

    /// <summary>
    /// Rows each operator handed on in this task attempt, indexed by operator id, when the job is analyzed
    /// (<c>ExplainAnalyze</c>); null otherwise. Kernels compiled for metrics add their counts here once per batch.
    /// </summary>
    public long[]? OperatorRows { get; init; } = operatorCount is { } rows ? new long[rows] : null;

    /// <summary>Which operators ran in this task attempt, indexed by operator id, when the job is analyzed; null otherwise.</summary>
    /// <remarks>It tells an operator that handed on no rows from one that never ran (the input of a cache hit).</remarks>
    public bool[]? OperatorsRan { get; init; } = operatorCount is { } ran ? new bool[ran] : null;

    /// <summary>Throws OperationCanceledException when the job was cancelled or another task failed.</summary>
    public abstract void ThrowIfCancelled();

    /// <summary>The lookup over the build rows of join <paramref name="joinId"/> that this kernel's partition probes.</summary>
    public abstract object JoinLookup(int joinId);

    /// <summary>The per-row cancellation check kernels inline: a field read, and a call only once cancelled.</summary>
    public static Expression CheckExpression(Expression control) =>
        Expression.IfThen(
            Expression.Field(Expression.Property(control, nameof(Cancel)), nameof(CancelFlag.Cancelled)),
            Expression.Call(control, typeof(TaskControl).GetMethod(nameof(ThrowIfCancelled))!));
}

/// <summary>A job's "stop now" flag, read by its kernels every row.</summary>
internal sealed class CancelFlag
{
    /// <summary>Whether the job was cancelled or failed.</summary>
    public volatile bool Cancelled;
}
