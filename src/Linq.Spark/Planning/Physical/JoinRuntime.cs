using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Execution.Buffers;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>Hash-join code for Join, LeftJoin, RightJoin and GroupJoin with LINQ to Objects' semantics and order.</summary>
internal sealed class JoinRuntime<TLeft, TRight, TKey, TResult> : IJoinRuntime
{
    private readonly JoinKind _kind;
    private readonly Func<object?[], Func<TLeft, TKey>> _leftKey;
    private readonly Func<object?[], Func<TRight, TKey>> _rightKey;
    private readonly Func<object?[], Delegate> _result;
    private readonly Func<object?[], IEqualityComparer<TKey>?> _comparer;

    public JoinRuntime(PlanContext plan, JoinNode node)
    {
        _kind = node.Kind;
        _leftKey = SlotBinder.Compile<Func<TLeft, TKey>>(node.LeftKey, plan.Slots);
        _rightKey = SlotBinder.Compile<Func<TRight, TKey>>(node.RightKey, plan.Slots);
        _result = node.Kind == JoinKind.Group
            ? SlotBinder.Compile<Func<TLeft, IEnumerable<TRight>, TResult>>(node.ResultSelector, plan.Slots)
            : SlotBinder.Compile<Func<TLeft, TRight, TResult>>(node.ResultSelector, plan.Slots);
        _comparer = SlotBinder.CompileComparer<TKey>(node.Comparer, plan.Slots);
    }

    public object BuildLookup(PartitionData rows, object?[] parameters, bool leftSide) =>
        leftSide
            ? new JoinLookup<TKey, TLeft>(_comparer(parameters), (TLeft[])rows.Rows, rows.Count, _leftKey(parameters))
            : new JoinLookup<TKey, TRight>(_comparer(parameters), (TRight[])rows.Rows, rows.Count, _rightKey(parameters));

    public PartitionData Join(PartitionData left, PartitionData right, object?[] parameters)
    {
        var output = new RowList<TResult>();
        var lefts = (TLeft[])left.Rows;
        var rights = (TRight[])right.Rows;
        if (_kind == JoinKind.Right)
        {
            var lookup = (JoinLookup<TKey, TLeft>)BuildLookup(left, parameters, leftSide: true);
            var rightKey = _rightKey(parameters);
            var result = (Func<TLeft, TRight, TResult>)_result(parameters);
            for (var i = 0; i < right.Count; i++)
            {
                var match = lookup.First(rightKey(rights[i]));
                if (match < 0)
                {
                    output.Add(result(default!, rights[i]));
                    continue;
                }

                for (; match >= 0; match = lookup.Next(match))
                {
                    output.Add(result(lookup.Values[match], rights[i]));
                }
            }

            return PartitionData.From(output);
        }

        var build = (JoinLookup<TKey, TRight>)BuildLookup(right, parameters, leftSide: false);
        var leftKey = _leftKey(parameters);
        if (_kind == JoinKind.Group)
        {
            var group = (Func<TLeft, IEnumerable<TRight>, TResult>)_result(parameters);
            for (var i = 0; i < left.Count; i++)
            {
                output.Add(group(lefts[i], build.Group(leftKey(lefts[i]))));
            }

            return PartitionData.From(output);
        }

        var select = (Func<TLeft, TRight, TResult>)_result(parameters);
        for (var i = 0; i < left.Count; i++)
        {
            var match = build.First(leftKey(lefts[i]));
            if (match < 0)
            {
                if (_kind == JoinKind.Left)
                {
                    output.Add(select(lefts[i], default!));
                }

                continue;
            }

            for (; match >= 0; match = build.Next(match))
            {
                output.Add(select(lefts[i], build.Values[match]));
            }
        }

        return PartitionData.From(output);
    }
}
