using Linq.Spark.Compilation.Pipelines;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Operators;

/// <summary>The runtime of an operator that fuses the narrow chain below it into a pipeline of its own (a partial aggregation, a shuffle's map side).</summary>
internal interface IPipelineConsumer
{
    /// <summary>The pipeline this operator runs over <paramref name="top"/>, the highest narrow operator of its input.</summary>
    FusedPipeline PipelineOver(ExecNode top);
}
