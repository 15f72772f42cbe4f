using Linq.Spark.Buffers;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// A root operator whose last step runs on the driver over the result tasks' outputs (a global aggregate's merge,
/// a top-n merge): the result stage runs its child, and the driver finishes.
/// </summary>
internal interface IDriverFinal
{
    /// <summary>Whether this operator, as the plan's root, finishes on the driver (a keyed aggregate does not).</summary>
    bool FinishesOnDriver => true;

    /// <summary>The operator whose partitions the result stage computes.</summary>
    ExecNode Input { get; }

    /// <summary>The same final step over another input (after the planner placed exchanges under it).</summary>
    ExecNode WithInput(ExecNode input);

    /// <summary>Combines the result tasks' outputs, in partition order, into the final rows.</summary>
    PartitionData Finish(IReadOnlyList<PartitionData> partials, Execution.TaskContext driver);
}
