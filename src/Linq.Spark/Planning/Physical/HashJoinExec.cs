namespace Linq.Spark.Planning.Physical;

/// <summary>
/// A hash join fused into the streamed side's stage: a lookup is built over the build side's rows, and each streamed
/// row probes it in the kernel. The streamed side is the outer one, except for RightJoin.
/// </summary>
internal abstract class HashJoinExec(PlanContext plan, ExecNode stream, ExecNode build, JoinSpec join, int id) : NarrowExec(plan, stream, id)
{
    /// <summary>The side the lookup is built over.</summary>
    public ExecNode Build { get; } = build;

    public JoinSpec Join { get; } = join;

    public override Type ElementType => Join.ResultType;

    /// <summary>Left then right, whichever of them is streamed.</summary>
    public override IReadOnlyList<ExecNode> Children => Join.StreamsLeft ? [Input, Build] : [Build, Input];

    /// <summary>Whether the lookup is built by a kernel over the build side's column batches (probes then read build rows from them).</summary>
    public virtual bool BuildsFromColumns => false;

    /// <summary>Children in (streamed, build) order from children in (left, right) order.</summary>
    protected (ExecNode Stream, ExecNode Build) Sides(IReadOnlyList<ExecNode> children) =>
        Join.StreamsLeft ? (children[0], children[1]) : (children[1], children[0]);

    protected string Keys => $"[{Join.LeftKey.Body}] = [{Join.RightKey.Body}]";
}
