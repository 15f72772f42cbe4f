using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>Materializing GroupBy after a hash shuffle on the key (Spark's groupByKey): groups keep source order inside.</summary>
internal sealed class GroupByExec(PlanContext plan, ExecNode child, GroupByNode logical) : ExecNode(plan)
{
    private readonly Lazy<IGroupRuntime> _runtime = new(() => (IGroupRuntime)Activator.CreateInstance(
        typeof(GroupRuntime<,,,>).MakeGenericType(logical.Child.ElementType, logical.KeyType, logical.GroupElementType, logical.ElementType),
        plan,
        logical)!);

    public ExecNode Child { get; } = child;

    public GroupByNode Logical { get; } = logical;

    public override Type ElementType => Logical.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new GroupByExec(Plan, children[0], Logical);

    public override IReadOnlyList<Distribution> RequiredChildDistribution => [new ClusteredDistribution(Logical.KeySelector, Logical.Comparer, null)];

    public override bool OutputOrdered => false;

    public override string Describe() => $"GroupBy(key=[{Logical.KeySelector.Body}]{(Logical.ResultSelector is null ? "" : $", result={Logical.ResultSelector.Body}")})";

    public override PartitionData Produce(TaskContext context, int partition) => _runtime.Value.Group(Child.Produce(context, partition), context.Parameters);

    private interface IGroupRuntime
    {
        PartitionData Group(PartitionData rows, object?[] parameters);
    }

    private sealed class GroupRuntime<TSource, TKey, TElement, TResult> : IGroupRuntime
    {
        private readonly Func<object?[], Func<TSource, TKey>> _key;
        private readonly Func<object?[], Func<TSource, TElement>> _element;
        private readonly Func<object?[], Func<TKey, IEnumerable<TElement>, TResult>>? _result;
        private readonly Func<object?[], IEqualityComparer<TKey>?> _comparer;

        public GroupRuntime(PlanContext plan, GroupByNode node)
        {
            _key = SlotBinder.Compile<Func<TSource, TKey>>(node.KeySelector, plan.Slots);
            _element = SlotBinder.Compile<Func<TSource, TElement>>(node.ElementSelector ?? ExpressionUtil.Identity(typeof(TSource)), plan.Slots);
            _result = node.ResultSelector is null ? null : SlotBinder.Compile<Func<TKey, IEnumerable<TElement>, TResult>>(node.ResultSelector, plan.Slots);
            _comparer = SlotBinder.CompileComparer<TKey>(node.Comparer, plan.Slots);
        }

        public PartitionData Group(PartitionData data, object?[] parameters)
        {
            var key = _key(parameters);
            var element = _element(parameters);
            var map = new AggregationMap<TKey, RowList<TElement>?>(_comparer(parameters));
            var rows = (TSource[])data.Rows;
            for (var i = 0; i < data.Count; i++)
            {
                var slot = map.FindOrAdd(key(rows[i]));
                if (slot < 0)
                {
                    slot = ~slot;
                    map.States[slot] = new RowList<TElement>(4);
                }

                map.States[slot]!.Add(element(rows[i]));
            }

            var output = new TResult[map.Count];
            var result = _result?.Invoke(parameters);
            for (var g = 0; g < map.Count; g++)
            {
                var grouping = new Grouping<TKey, TElement>(map.Keys[g], map.States[g]!);
                output[g] = result is null ? (TResult)(object)grouping : result(grouping.Key, grouping);
            }

            return PartitionData.From(output);
        }
    }
}
