using Linq.Spark.Buffers;

namespace Linq.Spark.Execution;

/// <summary>A result task's failure, with the rows it produced before it: the driver decides whether its result needed more.</summary>
/// <remarks>
/// The rows are <see cref="Node"/>'s output. Only a reader of that node's rows may use them: an operator that reads its
/// whole input before producing anything (GroupBy, Distinct, a sort) produced no rows of its own, so a partial output
/// of its input that reaches its reader is raised as the plain error (<see cref="RaiseUnlessFrom"/>).
/// </remarks>
internal sealed class PartialOutputException(PartitionData rows, Exception error, Planning.Physical.ExecNode? node)
    : Exception($"A task failed after producing {rows.Count} rows.", error)
{
    /// <summary>The rows produced before the failure, in order.</summary>
    public PartitionData Rows { get; } = rows;

    /// <summary>The operator whose output the rows are (null only inside compiled operator code, until its producer attaches it).</summary>
    public Planning.Physical.ExecNode? Node { get; } = node;

    /// <summary>The rows, with the failure after them, when they are <paramref name="expected"/>'s output; otherwise raises the failure itself.</summary>
    public PartitionData RaiseUnlessFrom(Planning.Physical.ExecNode expected)
    {
        if (!ReferenceEquals(Node, expected))
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(InnerException!);
        }

        return Rows with { Failure = InnerException };
    }
}
