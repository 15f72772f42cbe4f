using Linq.Spark.Buffers;

namespace Linq.Spark.Execution.Operators;

/// <summary>The runtime of an operator: computes one partition's rows for a task.</summary>
internal interface IPartitionProducer
{
    PartitionData Produce(TaskContext context, int partition);
}
