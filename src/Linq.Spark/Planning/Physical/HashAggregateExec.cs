using Linq.Spark.Execution;
using Linq.Spark.Buffers;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Hash aggregation in two phases: Partial folds each map partition's rows into per-key states (map-side combine),
/// Final merges the shuffled states of each key and shapes the result rows. Without a key, Final runs on the driver.
/// </summary>
internal sealed class HashAggregateExec : ExecNode, IDriverFinal
{
    private readonly Lazy<IAggregateRuntime> _runtime;

    public HashAggregateExec(PlanContext plan, ExecNode child, AggregateMode mode, AggregateNode logical, Lazy<IAggregateRuntime>? runtime = null)
        : base(plan)
    {
        Child = child;
        Mode = mode;
        Logical = logical;
        _runtime = runtime ?? new Lazy<IAggregateRuntime>(() => AggregateRuntimeFactory.Create(plan, logical));
    }

    public ExecNode Child { get; }

    public AggregateMode Mode { get; }

    public AggregateNode Logical { get; }

    public bool IsGlobal => Logical.KeySelector is null;

    /// <summary>The runtime shared by the Partial and Final halves of one aggregation.</summary>
    public Lazy<IAggregateRuntime> Runtime => _runtime;

    public override Type ElementType => Mode == AggregateMode.Final ? Logical.ElementType : _runtime.Value.EntryType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new HashAggregateExec(Plan, children[0], Mode, Logical, _runtime);

    public override IReadOnlyList<Distribution> RequiredChildDistribution =>
        Mode == AggregateMode.Final && !IsGlobal
            ? [new ClusteredDistribution(_runtime.Value.EntryKey, Logical.Comparer, null, Logical.KeySelector!.Body.ToString())]
            : [Distribution.Unspecified];

    public override bool OutputOrdered => false;

    ExecNode IDriverFinal.Input => Child;

    ExecNode IDriverFinal.WithInput(ExecNode input) => WithChildren([input]);

    bool IDriverFinal.FinishesOnDriver => Mode == AggregateMode.Final && IsGlobal;

    public override string Describe()
    {
        var prefix = Mode == AggregateMode.Partial ? "partial_" : string.Empty;
        var functions = string.Join(", ", Logical.Aggregates.Select(a => a.Describe(prefix)));
        return $"HashAggregate(keys=[{(Logical.KeySelector is null ? "" : Logical.KeySelector.Body.ToString())}], functions=[{functions}])";
    }

    /// <summary>Why the partial aggregation's pipeline runs row by row, or null when it is SIMD; null for the final half.</summary>
    public string? NotVectorizedReason => Mode == AggregateMode.Partial ? _runtime.Value.PartialPipeline(Child).NotVectorizedReason : null;

    public override PartitionData Produce(TaskContext context, int partition) =>
        Mode == AggregateMode.Partial
            ? _runtime.Value.Partial(Child, context, partition)
            : _runtime.Value.Final(Child.Produce(context, partition), context.Parameters);

    public PartitionData Finish(IReadOnlyList<PartitionData> partials, TaskContext driver) =>
        _runtime.Value.MergeGlobal(partials, driver.Parameters);
}
