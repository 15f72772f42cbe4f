using Linq.Spark.Buffers;

namespace Linq.Spark.Execution.Operators;

/// <summary>The runtime of a root whose last step runs on the driver: it combines the result tasks' outputs.</summary>
internal interface IDriverFinisher
{
    /// <summary>Combines the result tasks' outputs, in partition order, into the final rows.</summary>
    PartitionData Finish(IReadOnlyList<PartitionData> partials, TaskContext driver);
}
