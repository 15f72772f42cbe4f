using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Planning.Stages;

/// <summary>A job as a DAG of stages in topological order, plus the broadcast exchanges to collect before it runs.</summary>
internal sealed record JobPlan(IReadOnlyList<Stage> Stages, ResultStage Result, IReadOnlyList<ExecNode> Broadcasts);
