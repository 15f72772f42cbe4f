namespace Linq.Spark.Planning.Physical;

/// <summary>One method per physical operator kind: how later layers (code generation, execution) act on each without switching on types.</summary>
internal interface IExecVisitor<out TResult>
{
    TResult VisitScan(ScanExec node);

    TResult VisitFilter(FilterExec node);

    TResult VisitProject(ProjectExec node);

    TResult VisitFlatMap(FlatMapExec node);

    TResult VisitLocalLimit(LocalLimitExec node);

    TResult VisitBroadcastHashJoin(BroadcastHashJoinExec node);

    TResult VisitShuffledHashJoin(ShuffledHashJoinExec node);

    TResult VisitShuffleExchange(ShuffleExchangeExec node);

    TResult VisitBroadcastExchange(BroadcastExchangeExec node);

    TResult VisitHashAggregate(HashAggregateExec node);

    TResult VisitGroupBy(GroupByExec node);

    TResult VisitDistinct(DistinctExec node);

    TResult VisitSetOperation(SetOperationExec node);

    TResult VisitSort(SortExec node);

    TResult VisitTopN(TopNExec node);

    TResult VisitGlobalLimit(GlobalLimitExec node);

    TResult VisitUnion(UnionExec node);

    TResult VisitValues(ValuesExec node);

    TResult VisitCoalesce(CoalesceExec node);

    TResult VisitCache(CacheExec node);

    TResult VisitSequential(SequentialExec node);

    TResult VisitDriverRows(DriverRowsExec node);

    TResult VisitDriverSteps(DriverStepsExec node);

    TResult VisitWriteFiles(WriteFilesExec node);
}
