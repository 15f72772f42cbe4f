using Linq.Spark.Buffers;

namespace Linq.Spark.Execution;

/// <summary>A result task's failure, with the rows it produced before it: the driver decides whether its result needed more.</summary>
internal sealed class PartialOutputException(PartitionData rows, Exception error)
    : Exception($"A task failed after producing {rows.Count} rows.", error)
{
    /// <summary>The rows produced before the failure, in order.</summary>
    public PartitionData Rows { get; } = rows;
}
