using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Buffers;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>The typed parts of a hash join that its kernel calls: the lookup over the build side's rows.</summary>
internal sealed class JoinRuntime<TLeft, TRight, TKey, TResult> : IJoinRuntime
{
    private readonly Func<object?[], Func<TLeft, TKey>> _leftKey;
    private readonly Func<object?[], Func<TRight, TKey>> _rightKey;
    private readonly Func<object?[], IEqualityComparer<TKey>?> _comparer;

    public JoinRuntime(PlanContext plan, JoinNode node)
    {
        _leftKey = SlotBinder.Compile<Func<TLeft, TKey>>(node.LeftKey, plan.Slots);
        _rightKey = SlotBinder.Compile<Func<TRight, TKey>>(node.RightKey, plan.Slots);
        _comparer = SlotBinder.CompileComparer<TKey>(node.Comparer, plan.Slots);
    }

    public object BuildLookup(PartitionData rows, object?[] parameters, bool leftSide) =>
        leftSide
            ? new JoinLookup<TKey, TLeft>(_comparer(parameters), (TLeft[])rows.Rows, rows.Count, _leftKey(parameters))
            : new JoinLookup<TKey, TRight>(_comparer(parameters), (TRight[])rows.Rows, rows.Count, _rightKey(parameters));

    public object NewLookup(object?[] parameters, bool leftSide, int capacity) =>
        leftSide
            ? new JoinLookup<TKey, TLeft>(_comparer(parameters), capacity)
            : new JoinLookup<TKey, TRight>(_comparer(parameters), capacity);
}
