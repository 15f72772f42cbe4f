using System.Linq.Expressions;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// An immutable physical operator: a description, not a runtime. It has a stable id within its plan, declares the
/// layout it needs of its inputs and the layout it gives, and prints itself for Explain(). Execution builds what runs
/// from it (per-plan compiled code, per-task state) through <see cref="Accept{TResult}"/>; nothing here refers to
/// threads, sessions, tasks or compiled delegates, so a plan can be written out and read back elsewhere.
/// </summary>
internal abstract class ExecNode
{
    private int _numPartitions = -1;

    protected ExecNode(PlanContext plan, int id)
    {
        Plan = plan;
        Id = id >= 0 ? plan.TakeOperatorId(id) : plan.NextOperatorId();
    }

    /// <summary>The operator's number in its plan: shuffles, broadcasts and joins are found by it at run time.</summary>
    public int Id { get; }

    public PlanContext Plan { get; }

    /// <summary>Whether the operator has Spark's "number of output rows" metric; a projection, which hands on every row it gets, has none.</summary>
    public virtual bool CountsOutputRows => true;

    public abstract Type ElementType { get; }

    public abstract IReadOnlyList<ExecNode> Children { get; }

    /// <summary>The same operator (same id) over other inputs.</summary>
    public abstract ExecNode WithChildren(IReadOnlyList<ExecNode> children);

    public virtual Partitioning OutputPartitioning => new UnknownPartitioning(Children[0].OutputPartitioning.NumPartitions);

    /// <summary>How many partitions the operator outputs (kept once known: schedulers ask for every task).</summary>
    public int NumPartitions
    {
        get
        {
            // A race computes the same number twice; an int is never read torn.
            if (_numPartitions < 0)
            {
                _numPartitions = OutputPartitioning.NumPartitions;
            }

            return _numPartitions;
        }
    }

    /// <summary>The layout each child must have; the planner inserts an Exchange where a child's does not satisfy it.</summary>
    public virtual IReadOnlyList<Distribution> RequiredChildDistribution => [.. Children.Select(_ => Distribution.Unspecified)];

    /// <summary>Whether the output order is defined (LINQ to Objects' order, or a sort's).</summary>
    public virtual bool OutputOrdered => Children.All(c => c.OutputOrdered);

    /// <summary>Where a stage ends below this operator: a shuffle or a broadcast separates its input from its output.</summary>
    public virtual StageBoundary Boundary => StageBoundary.None;

    /// <summary>Whether this operator runs fused into its consumer's kernel, row by row (Where, Select, SelectMany, a probe).</summary>
    public virtual bool IsNarrow => false;

    /// <summary>Whether its partitions are column batches that kernels read directly (a scan, a shuffle's read side), and their layout.</summary>
    public virtual ColumnLayout OutputColumns => ColumnLayout.None;

    /// <summary>Whether its partitions are kept by the session once computed (Cache()), so a job may skip the stages below.</summary>
    public virtual bool IsCached => false;

    /// <summary>
    /// As the plan's root: how many leading rows of its input, in partition order, its result reads (a limit's
    /// count), or null when it reads them all. A result task that fails after the rows the result reads is no error,
    /// as LINQ's Take and First never evaluate a row after the last they need.
    /// </summary>
    public virtual Expression? RowsNeeded => null;

    /// <summary>
    /// Whether this operator reads its inputs' rows lazily and in order, possibly stopping early (TakeWhile, Zip, a
    /// global limit): an error raised in an input after the rows it reads must not fail the query, as in LINQ.
    /// </summary>
    public virtual bool ReadsInputLazily => false;

    /// <summary>Whether, as the plan's root, its last step runs on the driver over the result tasks' outputs.</summary>
    public virtual bool FinishesOnDriver => false;

    /// <summary>The operator whose partitions the result stage computes when this root finishes on the driver.</summary>
    public virtual ExecNode DriverInput => Children[0];

    /// <summary>The same driver-side final step over another input (after the planner placed exchanges under it).</summary>
    public virtual ExecNode WithDriverInput(ExecNode input) => WithChildren([input]);

    /// <summary>The tree Explain prints for a plan rooted here (narrow steps run on the driver print above their input).</summary>
    public virtual ExecNode PrintedTree => this;

    /// <summary>The operators of the printed tree that run on the driver when this is the root.</summary>
    public virtual IEnumerable<ExecNode> DriverOperators => FinishesOnDriver ? [this] : [];

    /// <summary>The operator as Explain() prints it.</summary>
    public abstract string Describe();

    /// <summary>How a stage that reads this operator's output (a shuffle's or a broadcast's) lists it.</summary>
    public virtual string DescribeAsStageInput() => Describe();

    /// <summary>Calls the visitor's method for this operator's kind.</summary>
    public abstract TResult Accept<TResult>(IExecVisitor<TResult> visitor);

    public override string ToString() => $"#{Id} {Describe()}";
}
