using System.Linq.Expressions;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Planning.Serialization;

/// <summary>Physical operators, rebuilt with the ids they had.</summary>
internal sealed partial class PlanReader
{
    public ExecNode Operator(PlanContext plan)
    {
        var tag = (OperatorTag)_in.ReadByte();
        var id = Int();
        switch (tag)
        {
            case OperatorTag.Scan:
                {
                    var slot = Int();
                    var type = Type();
                    var partitions = Int();
                    var description = String();
                    var pushdown = Bool()
                        ? new ScanPushdown(NullableLambda(), [.. Enumerable.Range(0, Int()).Select(_ => Int())], Bool() ? [.. Enumerable.Range(0, Int()).Select(_ => Bool())] : null)
                        : null;
                    return new ScanExec(plan, plan.Slots[slot], type, partitions, description, pushdown, id);
                }

            case OperatorTag.Filter:
                {
                    var predicate = Lambda();
                    return new FilterExec(plan, Operator(plan), predicate, id);
                }

            case OperatorTag.Project:
                {
                    var selector = Lambda();
                    return new ProjectExec(plan, Operator(plan), selector, id);
                }

            case OperatorTag.FlatMap:
                {
                    var collection = Lambda();
                    var result = NullableLambda();
                    return new FlatMapExec(plan, Operator(plan), collection, result, id);
                }

            case OperatorTag.WriteFiles:
                {
                    var spec = Expression();
                    return new WriteFilesExec(plan, Operator(plan), spec, id);
                }

            case OperatorTag.LocalLimit:
                {
                    var limit = Expression();
                    return new LocalLimitExec(plan, Operator(plan), limit, id);
                }

            case OperatorTag.BroadcastHashJoin:
                {
                    var join = Join();
                    var stream = Operator(plan);
                    return new BroadcastHashJoinExec(plan, stream, (BroadcastExchangeExec)Operator(plan), join, id);
                }

            case OperatorTag.ShuffledHashJoin:
                {
                    var join = Join();
                    var stream = Operator(plan);
                    return new ShuffledHashJoinExec(plan, stream, Operator(plan), join, id);
                }

            case OperatorTag.ShuffleExchange:
                {
                    var partitioning = Partitioning();
                    var defers = Bool();
                    return new ShuffleExchangeExec(plan, Operator(plan), partitioning, defers, id);
                }

            case OperatorTag.BroadcastExchange:
                return new BroadcastExchangeExec(plan, Operator(plan), id);
            case OperatorTag.HashAggregate:
                {
                    var mode = (AggregateMode)Int();
                    var aggregationId = Int();
                    var inputType = Type();
                    var key = NullableLambda();
                    var calls = Enumerable.Range(0, Int()).Select(_ =>
                    {
                        var kind = (AggregateKind)Int();
                        var argument = NullableLambda();
                        return new AggregateCall(kind, argument, Type());
                    }).ToList();
                    var result = Lambda();
                    var spec = new AggregateSpec(inputType, key, calls, result, NullableExpression());
                    return new HashAggregateExec(plan, Operator(plan), mode, spec, aggregationId, id);
                }

            case OperatorTag.GroupBy:
                {
                    var key = Lambda();
                    var element = NullableLambda();
                    var result = NullableLambda();
                    var group = new GroupSpec(key, element, result, NullableExpression());
                    return new GroupByExec(plan, Operator(plan), group, id);
                }

            case OperatorTag.Distinct:
                {
                    var mode = (AggregateMode)Int();
                    var key = Lambda();
                    var comparer = NullableExpression();
                    return new DistinctExec(plan, Operator(plan), mode, key, comparer, id);
                }

            case OperatorTag.SetOperation:
                {
                    var kind = (SetOperationKind)Int();
                    var leftKey = Lambda();
                    var rightKey = Lambda();
                    var comparer = NullableExpression();
                    var inputs = Inputs(plan);
                    return new SetOperationExec(plan, inputs[0], inputs[1], kind, leftKey, rightKey, comparer, id);
                }

            case OperatorTag.Sort:
                {
                    var keys = SortKeys();
                    return new SortExec(plan, Operator(plan), keys, id);
                }

            case OperatorTag.TopN:
                {
                    var mode = (AggregateMode)Int();
                    var keys = SortKeys();
                    var take = Expression();
                    return new TopNExec(plan, Operator(plan), mode, keys, take, id);
                }

            case OperatorTag.GlobalLimit:
                {
                    var skip = NullableExpression();
                    var take = NullableExpression();
                    return new GlobalLimitExec(plan, Operator(plan), skip, take, id);
                }

            case OperatorTag.Union:
                {
                    var inputs = Inputs(plan);
                    return new UnionExec(plan, inputs[0], inputs[1], id);
                }

            case OperatorTag.Values:
                return new ValuesExec(plan, Expression(), id);
            case OperatorTag.Coalesce:
                {
                    var partitions = Int();
                    return new CoalesceExec(plan, Operator(plan), partitions, id);
                }

            case OperatorTag.Cache:
                {
                    var token = plan.Slots[Int()];
                    var inputs = Enumerable.Range(0, Int()).Select(_ => plan.Slots[Int()]).ToList();
                    return new CacheExec(plan, Operator(plan), token, inputs, id);
                }

            case OperatorTag.Sequential:
                {
                    var name = String();
                    var parameters = Enumerable.Range(0, Int()).Select(_ => Declare()).ToList();
                    var body = Expression();
                    return new SequentialExec(plan, Inputs(plan), body, parameters, name, id);
                }

            case OperatorTag.DriverRows:
                return new DriverRowsExec(plan, Type(), id);
            case OperatorTag.DriverSteps:
                {
                    var final = Operator(plan);
                    return new DriverStepsExec(plan, final, Operator(plan), id);
                }

            default:
                throw Malformed($"operator tag {tag}");
        }
    }

    private ExecNode[] Inputs(PlanContext plan) => [.. Enumerable.Range(0, Int()).Select(_ => Operator(plan))];

    private List<SortKey> SortKeys() =>
        [.. Enumerable.Range(0, Int()).Select(_ =>
        {
            var selector = Lambda();
            var descending = Bool();
            return new SortKey(selector, descending, NullableExpression());
        })];

    private JoinSpec Join()
    {
        var kind = (JoinKind)Int();
        var leftKey = Lambda();
        var rightKey = Lambda();
        var result = Lambda();
        var comparer = NullableExpression();
        return new JoinSpec(kind, leftKey, rightKey, result, comparer) { BuildsLeft = Bool() };
    }

    private Partitioning Partitioning()
    {
        switch (Int())
        {
            case 0:
                return new SinglePartitioning();
            case 1:
                return new UnknownPartitioning(Int());
            case 2:
                return new RoundRobinPartitioning(Int());
            case 3:
                {
                    var key = Lambda();
                    var comparer = NullableExpression();
                    var partitions = Int();
                    return new HashPartitioning(key, comparer, partitions, NullableString());
                }

            case 4:
                {
                    var keys = SortKeys();
                    return new RangePartitioning(keys, Int());
                }

            default:
                throw Malformed("partitioning kind");
        }
    }
}
