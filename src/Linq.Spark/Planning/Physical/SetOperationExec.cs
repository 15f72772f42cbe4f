using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>Intersect/Except (and their By forms) after both sides were hash-shuffled on the key.</summary>
internal sealed class SetOperationExec(PlanContext plan, ExecNode left, ExecNode right, SetOperationNode logical) : ExecNode(plan)
{
    private readonly Lazy<Func<PartitionData, PartitionData, object?[], PartitionData>> _run = new(() =>
        (Func<PartitionData, PartitionData, object?[], PartitionData>)typeof(SetOperationExec)
            .GetMethod(nameof(Build), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(logical.Left.ElementType, logical.Right.ElementType, logical.LeftKeySelector.ReturnType)
            .Invoke(null, [plan, logical])!);

    public SetOperationNode Logical { get; } = logical;

    public override Type ElementType => Logical.ElementType;

    public override IReadOnlyList<ExecNode> Children => [left, right];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new SetOperationExec(Plan, children[0], children[1], Logical);

    public override IReadOnlyList<Distribution> RequiredChildDistribution =>
    [
        new ClusteredDistribution(Logical.LeftKeySelector, Logical.Comparer, Plan.ShufflePartitions),
        new ClusteredDistribution(Logical.RightKeySelector, Logical.Comparer, Plan.ShufflePartitions),
    ];

    public override bool OutputOrdered => false;

    public override string Describe() => $"{Logical.Kind}(key=[{Logical.LeftKeySelector.Body}])";

    public override PartitionData Produce(TaskContext context, int partition) =>
        _run.Value(Children[0].Produce(context, partition), Children[1].Produce(context, partition), context.Parameters);

    private static Func<PartitionData, PartitionData, object?[], PartitionData> Build<TLeft, TRight, TKey>(PlanContext plan, SetOperationNode node)
    {
        var leftKey = SlotBinder.Compile<Func<TLeft, TKey>>(node.LeftKeySelector, plan.Slots);
        var rightKey = SlotBinder.Compile<Func<TRight, TKey>>(node.RightKeySelector, plan.Slots);
        var comparerOf = SlotBinder.CompileComparer<TKey>(node.Comparer, plan.Slots);
        var intersect = node.Kind == SetOperationKind.Intersect;
        return (left, right, parameters) =>
        {
            var comparer = comparerOf(parameters);
            var rk = rightKey(parameters);
            var lk = leftKey(parameters);
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
        };
    }
}
