using System.Linq.Expressions;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Planning.Translation;
using Linq.Spark.Sources;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Chooses physical operators for a logical plan (two-phase aggregation, broadcast or shuffled joins, top-n, driver-side
/// final steps), then lets <see cref="EnsureRequirements"/> place the exchanges.
/// </summary>
internal sealed class PhysicalPlanner
{
    private readonly PlanContext _plan;
    private readonly QueryParameters _parameters;
    private readonly List<PlanAssumption> _assumptions;
    private readonly Expression _shape;

    private PhysicalPlanner(PlanContext plan, QueryParameters parameters, List<PlanAssumption> assumptions, Expression shape)
    {
        _plan = plan;
        _parameters = parameters;
        _assumptions = assumptions;
        _shape = shape;
    }

    /// <param name="query">The translated query.</param>
    /// <param name="optimized">Its optimized logical plan.</param>
    /// <param name="parameters">The query's parameter slots and this execution's values.</param>
    /// <param name="options">The session's options.</param>
    /// <param name="assumptions">Collects what the plan assumes about the values (partition counts).</param>
    /// <param name="shape">The query as written (with slots), where a scan finds which members of its rows are ever read.</param>
    public static PhysicalPlan Create(TranslatedQuery query, LogicalNode optimized, QueryParameters parameters, SparkOptions options, List<PlanAssumption> assumptions, Expression shape)
    {
        var context = new PlanContext(parameters.Slots, options);
        var planner = new PhysicalPlanner(context, parameters, assumptions, shape);
        var root = planner.PlanRoot(optimized, query.LocalLimit);
        root = root.FinishesOnDriver ? root.WithDriverInput(EnsureRequirements.Apply(root.DriverInput)) : EnsureRequirements.Apply(root);
        return new PhysicalPlan(root, query, assumptions, context);
    }

    /// <summary>The root gets driver-side final steps where the action allows: no exchange to one partition needed.</summary>
    /// <param name="node">The optimized logical plan.</param>
    /// <param name="localLimit">The rows the action reads at most (First, ElementAt), or null when it may read all.</param>
    private ExecNode PlanRoot(LogicalNode node, Expression? localLimit)
    {
        // Select/Where over a top-n or a limit run on the driver, after the final step.
        var steps = new List<LogicalNode>();
        var below = node;
        while (below is ProjectNode or FilterNode)
        {
            steps.Add(below);
            below = ((UnaryNode)below).Child;
        }

        if (steps.Count > 0 && below is TopNNode or LimitNode)
        {
            // A projection keeps every row, so the action's limit still bounds the rows the final step must produce.
            var final = PlanRoot(below, steps.TrueForAll(step => step is ProjectNode) ? localLimit : null);
            ExecNode top = new DriverRowsExec(_plan, final.ElementType);
            for (var i = steps.Count - 1; i >= 0; i--)
            {
                top = steps[i] is ProjectNode p ? new ProjectExec(_plan, top, p.Selector) : new FilterExec(_plan, top, ((FilterNode)steps[i]).Predicate);
            }

            return new DriverStepsExec(_plan, final, top);
        }

        // A global limit, a top-n and a global aggregate at the root finish on the driver.
        var root = Plan(node);
        return (root, localLimit) switch
        {
            (_, null) => root,
            // Skip(19).First() needs the 20 leading rows only: the job stops reading (and raising later rows' errors)
            // once it has them, as LINQ does.
            (GlobalLimitExec limit, _) => new GlobalLimitExec(
                _plan, limit.Child, limit.Skip, limit.Take is null ? localLimit : Expression.Call(typeof(Math), nameof(Math.Min), null, limit.Take, localLimit), limit.Id),
            _ when root.FinishesOnDriver => root,
            _ => new LocalLimitExec(_plan, root, localLimit),
        };
    }

    private ExecNode Plan(LogicalNode node)
    {
        switch (node)
        {
            case ScanNode scan:
                return PlanScan(scan);
            case FilterNode { Child: ScanNode scan } filter:
                return new FilterExec(_plan, PlanScan(scan, filter.Predicate), filter.Predicate);
            case FilterNode filter:
                return new FilterExec(_plan, Plan(filter.Child), filter.Predicate);
            case ProjectNode project:
                return new ProjectExec(_plan, Plan(project.Child), project.Selector);
            case FlatMapNode flatMap:
                return new FlatMapExec(_plan, Plan(flatMap.Child), flatMap.CollectionSelector, flatMap.ResultSelector);
            case ConcatNode concat:
                return new UnionExec(_plan, Plan(concat.Left), Plan(concat.Right));
            case AppendNode append:
                {
                    var child = Plan(append.Child);
                    var value = new ValuesExec(_plan, append.Element);
                    return append.Prepend ? new UnionExec(_plan, value, child) : new UnionExec(_plan, child, value);
                }

            case AggregateNode aggregate:
                {
                    var spec = AggregateSpec.Of(aggregate);

                    // A lone Count(predicate) over a scan counts only rows its predicate keeps: the scan may skip the others.
                    var input = aggregate is { Child: ScanNode scan, KeySelector: null, Aggregates: [{ Kind: AggregateKind.Count or AggregateKind.LongCount, Argument: { } predicate }] }
                        ? PlanScan(scan, predicate)
                        : Plan(aggregate.Child);
                    var partial = new HashAggregateExec(_plan, input, AggregateMode.Partial, spec);
                    return new HashAggregateExec(_plan, partial, AggregateMode.Final, spec, partial.Id);
                }

            case GroupByNode group:
                return new GroupByExec(_plan, Plan(group.Child), GroupSpec.Of(group));
            case JoinNode join:
                return PlanJoin(join);
            case DistinctNode distinct:
                return new DistinctExec(_plan, new DistinctExec(_plan, Plan(distinct.Child), AggregateMode.Partial, distinct.KeySelector, distinct.Comparer), AggregateMode.Final, distinct.KeySelector, distinct.Comparer);
            case SetOperationNode { Kind: SetOperationKind.Union } union:
                {
                    var both = new UnionExec(_plan, Plan(union.Left), Plan(union.Right));
                    var partial = new DistinctExec(_plan, both, AggregateMode.Partial, union.LeftKeySelector, union.Comparer);
                    return new DistinctExec(_plan, partial, AggregateMode.Final, union.LeftKeySelector, union.Comparer);
                }

            case SetOperationNode setOperation:
                return new SetOperationExec(
                    _plan, Plan(setOperation.Left), Plan(setOperation.Right), setOperation.Kind, setOperation.LeftKeySelector, setOperation.RightKeySelector, setOperation.Comparer);
            case SortNode sort:
                return new SortExec(_plan, Plan(sort.Child), sort.Keys);
            case TopNNode top:
                return new TopNExec(_plan, new TopNExec(_plan, Plan(top.Child), AggregateMode.Partial, top.Keys, top.Take), AggregateMode.Final, top.Keys, top.Take);
            case LimitNode limit:
                {
                    var child = Plan(limit.Child);
                    if (limit.Take is not null)
                    {
                        child = new LocalLimitExec(_plan, child, LimitCounts.Prefix(limit.Skip, limit.Take));
                    }

                    return new GlobalLimitExec(_plan, child, limit.Skip, limit.Take);
                }

            case SequentialNode sequential:
                return SequentialExec.Of(_plan, [.. sequential.Children.Select(Plan)], sequential);
            case RepartitionNode { Shuffle: true } repartition:
                return new ShuffleExchangeExec(_plan, Plan(repartition.Child), new RoundRobinPartitioning(repartition.Partitions));
            case RepartitionNode coalesce:
                return new CoalesceExec(_plan, Plan(coalesce.Child), coalesce.Partitions);
            case CacheNode cache:
                return new CacheExec(_plan, Plan(cache.Child), cache.Token, cache.Inputs);
            case BroadcastNode broadcast:
                return Plan(broadcast.Child);
            case WriteFilesNode write:
                return new WriteFilesExec(_plan, Plan(write.Child), write.Spec);
            default:
                throw new NotSupportedException($"No physical operator for {node.Describe()}.");
        }
    }

    /// <summary>A scan; a scan of files also carries the Where above it (<paramref name="filter"/>) for its tasks to skip files and row groups by.</summary>
    private ScanExec PlanScan(ScanNode scan, LambdaExpression? filter = null)
    {
        var index = _plan.IndexOf(scan.Slot);
        var source = DataSources.From(_parameters.Values[index], scan.ElementType, _plan.Options.BatchSize);
        _assumptions.Add(new PlanAssumption(index, "partitions", v => DataSources.PartitionCount(v), source.NumPartitions));
        _assumptions.Add(new PlanAssumption(index, "reads files", v => DataSources.ReadsFiles(v), source.ReadsFiles));
        var pushdown = source.ReadsFiles
            ? new ScanPushdown(
                filter is null ? null : PushedFilters.Predicate(filter, source.Encoder),
                [.. Enumerable.Range(0, source.Encoder.Columns.Count).Where(source.IsPartitionColumn)],
                RowMemberUse.Of(_shape, source.Encoder))
            : null;
        return new ScanExec(_plan, scan.Slot, scan.ElementType, source.NumPartitions, source.Describe(), pushdown);
    }

    private ExecNode PlanJoin(JoinNode join)
    {
        var spec = JoinSpec.Of(join);
        if (join.Kind == JoinKind.Inner && BuildsLeft(join))
        {
            return new BroadcastHashJoinExec(_plan, Plan(join.Right), new BroadcastExchangeExec(_plan, Plan(join.Left)), spec with { BuildsLeft = true });
        }

        if (join.Kind == JoinKind.Right)
        {
            if (ShouldBroadcast(join.Left))
            {
                return new BroadcastHashJoinExec(_plan, Plan(join.Right), new BroadcastExchangeExec(_plan, Plan(join.Left)), spec);
            }
        }
        else if (ShouldBroadcast(join.Right))
        {
            return new BroadcastHashJoinExec(_plan, Plan(join.Left), new BroadcastExchangeExec(_plan, Plan(join.Right)), spec);
        }

        return ShuffledHashJoinExec.Of(_plan, Plan(join.Left), Plan(join.Right), spec);
    }

    /// <summary>
    /// Whether an inner join builds over its left side instead of its right, as DuckDB builds over the smaller side:
    /// the left is marked Broadcast() or an in-memory collection and the right is neither, or the left is estimated
    /// under the broadcast threshold and smaller than the right. Its one lookup is built once, and the larger side is
    /// probed in parallel without a shuffle.
    /// </summary>
    private bool BuildsLeft(JoinNode join)
    {
        if (BroadcastNode.IsMarked(join.Right))
        {
            return false;
        }

        if (BroadcastNode.IsMarked(join.Left))
        {
            return true;
        }

        var threshold = _plan.Options.AutoBroadcastThresholdRows;
        if (threshold < 0)
        {
            return false;
        }

        bool Smaller(object?[] values) =>
            RowEstimate.Of(join.Left, _plan, values) is { } left && left <= threshold
            && (RowEstimate.Of(join.Right, _plan, values) is not { } right || left < right);
        var buildsLeft = Smaller(_parameters.Values);
        _assumptions.Add(new PlanAssumption("builds left", values => Smaller(values), buildsLeft));
        return buildsLeft;
    }

    /// <summary>Broadcast a side marked Broadcast(), an in-memory collection, or one estimated under the threshold.</summary>
    private bool ShouldBroadcast(LogicalNode side)
    {
        if (BroadcastNode.IsMarked(side))
        {
            return true;
        }

        var threshold = _plan.Options.AutoBroadcastThresholdRows;
        if (threshold < 0)
        {
            return false;
        }

        // The plan assumes the side stays on the same side of the threshold for the values it is reused with.
        var small = RowEstimate.Of(side, _plan, _parameters.Values) is { } rows && rows <= threshold;
        _assumptions.Add(new PlanAssumption("broadcast", values => RowEstimate.Of(side, _plan, values) is { } r && r <= threshold, small));
        return small;
    }

}
