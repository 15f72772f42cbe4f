using Linq.Spark.Buffers;
using Linq.Spark.Compilation.Pipelines;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Operators;

/// <summary>The partial half of an aggregation: its input's narrow chain and the fold into per-key states, as one kernel.</summary>
internal sealed class PartialAggregateProducer(HashAggregateExec node, PlanRuntime runtime) : IPartitionProducer, IPipelineConsumer
{
    private readonly Lazy<FusedPipeline> _pipeline = new(() => runtime.Aggregation(node).PartialPipeline(node.Child));

    /// <summary>The map-side pipeline over the aggregation's input.</summary>
    public FusedPipeline Pipeline => _pipeline.Value;

    public FusedPipeline PipelineOver(ExecNode top) => Pipeline;

    public PartitionData Produce(TaskContext context, int partition) => runtime.Aggregation(node).Partial(Pipeline, runtime, context, partition, node);
}

/// <summary>The final half of an aggregation: merges a reduce partition's states per key, or all states on the driver for a global aggregate.</summary>
internal sealed class FinalAggregateProducer(HashAggregateExec node, PlanRuntime runtime) : IPartitionProducer, IDriverFinisher
{
    public PartitionData Produce(TaskContext context, int partition) =>
        runtime.Aggregation(node).Final(runtime.Chunks(node.Child, context, partition), context, node);

    public PartitionData Finish(IReadOnlyList<PartitionData> partials, TaskContext driver) =>
        runtime.Aggregation(node).MergeGlobal(partials, driver.Parameters);
}
