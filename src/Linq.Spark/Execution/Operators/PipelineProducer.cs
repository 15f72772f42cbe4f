using Linq.Spark.Buffers;
using Linq.Spark.Compilation.Pipelines;

namespace Linq.Spark.Execution.Operators;

/// <summary>The partitions of a narrow operator: the fused kernel of its chain, collecting its output rows.</summary>
internal sealed class PipelineProducer(FusedPipeline pipeline, PlanRuntime runtime) : IPartitionProducer
{
    public FusedPipeline Pipeline { get; } = pipeline;

    public PartitionData Produce(TaskContext context, int partition) => runtime.Collect(Pipeline, context, partition);
}
