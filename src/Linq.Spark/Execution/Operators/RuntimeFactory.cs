using Linq.Spark.Compilation.Pipelines;
using Linq.Spark.Execution.Shuffle;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Operators;

/// <summary>Builds the runtime of each operator kind from its descriptor (<see cref="PlanRuntime.Producer"/> keeps it).</summary>
internal sealed class RuntimeFactory(PlanRuntime runtime) : IExecVisitor<IPartitionProducer>
{
    public IPartitionProducer VisitScan(ScanExec node) => new ScanProducer(node);

    public IPartitionProducer VisitFilter(FilterExec node) => Narrow(node);

    public IPartitionProducer VisitProject(ProjectExec node) => Narrow(node);

    public IPartitionProducer VisitFlatMap(FlatMapExec node) => Narrow(node);

    public IPartitionProducer VisitLocalLimit(LocalLimitExec node) => Narrow(node);

    public IPartitionProducer VisitBroadcastHashJoin(BroadcastHashJoinExec node) => Narrow(node);

    public IPartitionProducer VisitShuffledHashJoin(ShuffledHashJoinExec node) => Narrow(node);

    public IPartitionProducer VisitShuffleExchange(ShuffleExchangeExec node) => ShuffleRuntime.Create(node, runtime);

    public IPartitionProducer VisitBroadcastExchange(BroadcastExchangeExec node) => new BroadcastReadProducer(node);

    public IPartitionProducer VisitHashAggregate(HashAggregateExec node) =>
        node.Mode == AggregateMode.Partial ? new PartialAggregateProducer(node, runtime) : new FinalAggregateProducer(node, runtime);

    public IPartitionProducer VisitGroupBy(GroupByExec node) => GroupByProducer.Create(node, runtime);

    public IPartitionProducer VisitDistinct(DistinctExec node) => DistinctProducer.Create(node, runtime);

    public IPartitionProducer VisitSetOperation(SetOperationExec node) => SetOperationProducer.Create(node, runtime);

    public IPartitionProducer VisitSort(SortExec node) => SortProducer.Create(node, runtime);

    public IPartitionProducer VisitTopN(TopNExec node) => new TopNProducer(node, runtime);

    public IPartitionProducer VisitGlobalLimit(GlobalLimitExec node) => new GlobalLimitProducer(node, runtime);

    public IPartitionProducer VisitUnion(UnionExec node) => new UnionProducer(node, runtime);

    public IPartitionProducer VisitValues(ValuesExec node) => new ValuesProducer(node);

    public IPartitionProducer VisitCoalesce(CoalesceExec node) => new CoalesceProducer(node, runtime);

    public IPartitionProducer VisitCache(CacheExec node) => new CacheProducer(node, runtime);

    public IPartitionProducer VisitSequential(SequentialExec node) => new SequentialProducer(node, runtime);

    public IPartitionProducer VisitWriteFiles(WriteFilesExec node) => new WriteFilesProducer(node, runtime);

    public IPartitionProducer VisitDriverRows(DriverRowsExec node) => new DriverRowsProducer();

    public IPartitionProducer VisitDriverSteps(DriverStepsExec node) => new DriverStepsProducer(node, runtime);

    /// <summary>A narrow operator's partitions: its chain down to the first non-narrow operator, fused into one collecting kernel.</summary>
    private PipelineProducer Narrow(NarrowExec node) => new(FusedPipeline.Collecting(node), runtime);
}
