using System.Linq.Expressions;
using Linq.Spark.Buffers;
using Linq.Spark.Compilation;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Operators;

/// <summary>Materializing GroupBy of one hash partition: groups keep the order of their first row, elements their source order.</summary>
internal static class GroupByProducer
{
    public static IPartitionProducer Create(GroupByExec node, PlanRuntime runtime)
    {
        var group = node.Group;
        return (IPartitionProducer)Activator.CreateInstance(
            typeof(Typed<,,,>).MakeGenericType(group.InputType, group.KeyType, group.ElementType, group.ResultType), node, runtime)!;
    }

    private sealed class Typed<TSource, TKey, TElement, TResult> : IPartitionProducer
    {
        private readonly GroupByExec _node;
        private readonly PlanRuntime _runtime;
        private readonly Func<object?[], Func<TSource, TKey>> _key;
        private readonly Func<object?[], Func<TSource, TElement>> _element;
        private readonly Func<object?[], Func<TKey, IEnumerable<TElement>, TResult>>? _result;
        private readonly Func<object?[], IEqualityComparer<TKey>?> _comparer;

        public Typed(GroupByExec node, PlanRuntime runtime)
        {
            _node = node;
            _runtime = runtime;
            var group = node.Group;
            var slots = node.Plan.Slots;
            _key = SlotBinder.Compile<Func<TSource, TKey>>(group.KeySelector, slots);
            _element = SlotBinder.Compile<Func<TSource, TElement>>(group.ElementSelector ?? ExpressionUtil.Identity(typeof(TSource)), slots);
            _result = group.ResultSelector is null ? null : SlotBinder.Compile<Func<TKey, IEnumerable<TElement>, TResult>>(group.ResultSelector, slots);
            _comparer = SlotBinder.CompileComparer<TKey>(group.Comparer, slots);
        }

        public PartitionData Produce(TaskContext context, int partition)
        {
            var data = _runtime.Produce(_node.Child, context, partition);
            var parameters = context.Parameters;
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

/// <summary>Keeps the first row of each key in a partition (both halves of Distinct: before and after the shuffle on the key).</summary>
internal static class DistinctProducer
{
    public static IPartitionProducer Create(DistinctExec node, PlanRuntime runtime) =>
        (IPartitionProducer)Activator.CreateInstance(typeof(Typed<,>).MakeGenericType(node.ElementType, node.Key.ReturnType), node, runtime)!;

    private sealed class Typed<T, TKey>(DistinctExec node, PlanRuntime runtime) : IPartitionProducer
    {
        private readonly Func<object?[], Func<T, TKey>> _key = SlotBinder.Compile<Func<T, TKey>>(node.Key, node.Plan.Slots);
        private readonly Func<object?[], IEqualityComparer<TKey>?> _comparer = SlotBinder.CompileComparer<TKey>(node.Comparer, node.Plan.Slots);

        public PartitionData Produce(TaskContext context, int partition)
        {
            var data = runtime.Produce(node.Child, context, partition);
            var key = _key(context.Parameters);
            var seen = new AggregationMap<TKey, bool>(_comparer(context.Parameters));
            var rows = (T[])data.Rows;
            var output = new RowList<T>();
            for (var i = 0; i < data.Count; i++)
            {
                if (seen.FindOrAdd(key(rows[i])) < 0)
                {
                    output.Add(rows[i]);
                }
            }

            return PartitionData.From(output);
        }
    }
}

/// <summary>Intersect/Except of one hash partition of each side: left rows whose key the right side has (or lacks), each key once.</summary>
internal static class SetOperationProducer
{
    public static IPartitionProducer Create(SetOperationExec node, PlanRuntime runtime) =>
        (IPartitionProducer)Activator.CreateInstance(
            typeof(Typed<,,>).MakeGenericType(node.Left.ElementType, node.Right.ElementType, node.LeftKey.ReturnType), node, runtime)!;

    private sealed class Typed<TLeft, TRight, TKey>(SetOperationExec node, PlanRuntime runtime) : IPartitionProducer
    {
        private readonly Func<object?[], Func<TLeft, TKey>> _leftKey = SlotBinder.Compile<Func<TLeft, TKey>>(node.LeftKey, node.Plan.Slots);
        private readonly Func<object?[], Func<TRight, TKey>> _rightKey = SlotBinder.Compile<Func<TRight, TKey>>(node.RightKey, node.Plan.Slots);
        private readonly Func<object?[], IEqualityComparer<TKey>?> _comparer = SlotBinder.CompileComparer<TKey>(node.Comparer, node.Plan.Slots);

        public PartitionData Produce(TaskContext context, int partition)
        {
            var left = runtime.Produce(node.Left, context, partition);
            var right = runtime.Produce(node.Right, context, partition);
            var comparer = _comparer(context.Parameters);
            var rk = _rightKey(context.Parameters);
            var lk = _leftKey(context.Parameters);
            var intersect = node.Kind == SetOperationKind.Intersect;
            var other = new AggregationMap<TKey, bool>(comparer);
            var rights = (TRight[])right.Rows;
            for (var i = 0; i < right.Count; i++)
            {
                other.FindOrAdd(rk(rights[i]));
            }

            var emitted = new AggregationMap<TKey, bool>(comparer);
            var lefts = (TLeft[])left.Rows;
            var output = new RowList<TLeft>();
            for (var i = 0; i < left.Count; i++)
            {
                var key = lk(lefts[i]);
                if ((other.Find(key) >= 0) == intersect && emitted.FindOrAdd(key) < 0)
                {
                    output.Add(lefts[i]);
                }
            }

            return PartitionData.From(output);
        }
    }
}
