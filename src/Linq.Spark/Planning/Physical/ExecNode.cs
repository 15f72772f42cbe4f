using System.Linq.Expressions;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// An immutable physical operator. It declares the layout it needs of its inputs and the layout it gives, prints
/// itself for Explain(), and computes one partition at a time. Per-task state lives in the task, never here.
/// </summary>
internal abstract class ExecNode(PlanContext plan)
{
    private Pipeline? _collect;

    public PlanContext Plan { get; } = plan;

    public abstract Type ElementType { get; }

    public abstract IReadOnlyList<ExecNode> Children { get; }

    public abstract ExecNode WithChildren(IReadOnlyList<ExecNode> children);

    public virtual Partitioning OutputPartitioning => new UnknownPartitioning(Children[0].OutputPartitioning.NumPartitions);

    public int NumPartitions => OutputPartitioning.NumPartitions;

    /// <summary>The layout each child must have; the planner inserts an Exchange where a child's does not satisfy it.</summary>
    public virtual IReadOnlyList<Distribution> RequiredChildDistribution => [.. Children.Select(_ => Distribution.Unspecified)];

    /// <summary>Whether the output order is defined (LINQ to Objects' order, or a sort's).</summary>
    public virtual bool OutputOrdered => Children.All(c => c.OutputOrdered);

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

    /// <summary>The operator as Explain() prints it.</summary>
    public abstract string Describe();

    /// <summary>
    /// A child's partition for an operator that reads it lazily (<see cref="ReadsInputLazily"/>): an error raised
    /// while computing it comes back as the rows computed before it and the error after them.
    /// </summary>
    protected static PartitionData ProduceLazily(ExecNode child, TaskContext context, int partition)
    {
        var outer = context.KeepsPartialOutput;
        context.KeepsPartialOutput = true;
        try
        {
            return child.Produce(context, partition);
        }
        catch (PartialOutputException e)
        {
            return e.Rows with { Failure = e.InnerException };
        }
        finally
        {
            context.KeepsPartialOutput = outer;
        }
    }

    /// <summary>Computes the rows of one partition. Narrow operators run their fused pipeline into a row list.</summary>
    public virtual PartitionData Produce(TaskContext context, int partition)
    {
        _collect ??= Pipeline.Collecting(this);
        return _collect.Collect(context, partition);
    }
}
