using Linq.Spark.Buffers;
using Linq.Spark.Compilation.Pipelines;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Operators;

/// <summary>The compiled, typed halves of one aggregation.</summary>
internal interface IAggregateRuntime
{
    /// <summary>The map-side pipeline over <paramref name="child"/>: its narrow chain folded into per-key states.</summary>
    FusedPipeline PartialPipeline(ExecNode child);

    /// <summary>Runs the partial half over one partition: one entry per key (or one state, for a global aggregate).</summary>
    PartitionData Partial(FusedPipeline pipeline, PlanRuntime runtime, TaskContext context, int partition, ExecNode node);

    /// <summary>Merges one reduce partition's entries per key, spilling to hash buckets when refused memory, and shapes the result rows.</summary>
    PartitionData Final(IEnumerable<PartitionData> chunks, TaskContext context, ExecNode node);

    /// <summary>Merges the partial states of a global aggregate into its one result row, on the driver.</summary>
    PartitionData MergeGlobal(IReadOnlyList<PartitionData> partials, object?[] parameters);
}
