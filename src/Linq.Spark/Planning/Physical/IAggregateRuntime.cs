using System.Linq.Expressions;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;

namespace Linq.Spark.Planning.Physical;

/// <summary>The compiled, typed halves of one aggregation.</summary>
internal interface IAggregateRuntime
{
    /// <summary>The type of the partial rows (AggregateEntry of key and state, or the bare state for a global aggregate).</summary>
    Type EntryType { get; }

    /// <summary>entry => entry.Key, the key the shuffle between the halves partitions by.</summary>
    LambdaExpression EntryKey { get; }

    PartitionData Partial(ExecNode child, TaskContext context, int partition);

    /// <summary>The map-side pipeline over <paramref name="child"/> (for plans: whether it is SIMD).</summary>
    Pipeline PartialPipeline(ExecNode child);

    PartitionData Final(PartitionData entries, object?[] parameters);

    PartitionData MergeGlobal(IReadOnlyList<PartitionData> partials, object?[] parameters);
}
