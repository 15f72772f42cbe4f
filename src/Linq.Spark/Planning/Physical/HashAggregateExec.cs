namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Hash aggregation in two phases: Partial folds each map partition's rows into per-key states (map-side combine),
/// Final merges the shuffled states of each key and shapes the result rows. Without a key, Final runs on the driver.
/// </summary>
/// <param name="plan">The plan.</param>
/// <param name="child">The input: rows for Partial, partial states for Final.</param>
/// <param name="mode">Which half.</param>
/// <param name="aggregate">What is aggregated.</param>
/// <param name="aggregationId">The id both halves share (the partial's), which their compiled code is kept under.</param>
/// <param name="id">The operator id, or -1 for a new one.</param>
internal sealed class HashAggregateExec(PlanContext plan, ExecNode child, AggregateMode mode, AggregateSpec aggregate, int aggregationId = -1, int id = -1)
    : ExecNode(plan, id)
{
    public ExecNode Child { get; } = child;

    public AggregateMode Mode { get; } = mode;

    public AggregateSpec Aggregate { get; } = aggregate;

    /// <summary>The id of the aggregation's partial half, shared by both halves.</summary>
    public int AggregationId => aggregationId >= 0 ? aggregationId : Id;

    public bool IsGlobal => Aggregate.IsGlobal;

    public override Type ElementType => Mode == AggregateMode.Final ? Aggregate.ResultType : Aggregate.EntryType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new HashAggregateExec(Plan, children[0], Mode, Aggregate, AggregationId, Id);

    public override IReadOnlyList<Distribution> RequiredChildDistribution =>
        Mode == AggregateMode.Final && !IsGlobal
            ? [new ClusteredDistribution(Aggregate.EntryKey, Aggregate.Comparer, null, Aggregate.KeySelector!.Body.ToString())]
            : [Distribution.Unspecified];

    public override bool OutputOrdered => false;

    public override bool FinishesOnDriver => Mode == AggregateMode.Final && IsGlobal;

    public override string Describe()
    {
        var prefix = Mode == AggregateMode.Partial ? "partial_" : string.Empty;
        var functions = string.Join(", ", Aggregate.Aggregates.Select(a => a.Describe(prefix)));
        return $"HashAggregate(keys=[{(Aggregate.KeySelector is null ? "" : Aggregate.KeySelector.Body.ToString())}], functions=[{functions}])";
    }

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitHashAggregate(this);
}
