namespace Linq.Spark.Planning.Physical;

/// <summary>A visitor that handles some operator kinds; the others reach <see cref="Unexpected"/>, which throws.</summary>
internal abstract class ExecVisitor<TResult> : IExecVisitor<TResult>
{
    public virtual TResult VisitScan(ScanExec node) => Unexpected(node);

    public virtual TResult VisitWriteFiles(WriteFilesExec node) => Unexpected(node);

    public virtual TResult VisitFilter(FilterExec node) => Unexpected(node);

    public virtual TResult VisitProject(ProjectExec node) => Unexpected(node);

    public virtual TResult VisitFlatMap(FlatMapExec node) => Unexpected(node);

    public virtual TResult VisitLocalLimit(LocalLimitExec node) => Unexpected(node);

    public virtual TResult VisitBroadcastHashJoin(BroadcastHashJoinExec node) => Unexpected(node);

    public virtual TResult VisitShuffledHashJoin(ShuffledHashJoinExec node) => Unexpected(node);

    public virtual TResult VisitShuffleExchange(ShuffleExchangeExec node) => Unexpected(node);

    public virtual TResult VisitBroadcastExchange(BroadcastExchangeExec node) => Unexpected(node);

    public virtual TResult VisitHashAggregate(HashAggregateExec node) => Unexpected(node);

    public virtual TResult VisitGroupBy(GroupByExec node) => Unexpected(node);

    public virtual TResult VisitDistinct(DistinctExec node) => Unexpected(node);

    public virtual TResult VisitSetOperation(SetOperationExec node) => Unexpected(node);

    public virtual TResult VisitSort(SortExec node) => Unexpected(node);

    public virtual TResult VisitTopN(TopNExec node) => Unexpected(node);

    public virtual TResult VisitGlobalLimit(GlobalLimitExec node) => Unexpected(node);

    public virtual TResult VisitUnion(UnionExec node) => Unexpected(node);

    public virtual TResult VisitValues(ValuesExec node) => Unexpected(node);

    public virtual TResult VisitCoalesce(CoalesceExec node) => Unexpected(node);

    public virtual TResult VisitCache(CacheExec node) => Unexpected(node);

    public virtual TResult VisitSequential(SequentialExec node) => Unexpected(node);

    public virtual TResult VisitDriverRows(DriverRowsExec node) => Unexpected(node);

    public virtual TResult VisitDriverSteps(DriverStepsExec node) => Unexpected(node);

    /// <summary>An operator kind this visitor does not handle: a planning error.</summary>
    protected virtual TResult Unexpected(ExecNode node) =>
        throw new InvalidOperationException($"{GetType().Name} does not handle {node.Describe()}.");
}
