using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Keeps the first row of each key: Partial drops duplicates within a map partition before the shuffle,
/// Final after the hash shuffle on the key. Reading map outputs in order keeps the first occurrence overall.
/// </summary>
internal sealed class DistinctExec(PlanContext plan, ExecNode child, AggregateMode mode, LambdaExpression key, Expression? comparer) : ExecNode(plan)
{
    private readonly Lazy<Func<PartitionData, object?[], PartitionData>> _distinct = new(() =>
        (Func<PartitionData, object?[], PartitionData>)typeof(DistinctExec).GetMethod(nameof(Build), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(child.ElementType, key.ReturnType).Invoke(null, [plan, key, comparer])!);

    public ExecNode Child { get; } = child;

    public AggregateMode Mode { get; } = mode;

    public LambdaExpression Key { get; } = key;

    public override Type ElementType => Child.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new DistinctExec(Plan, children[0], Mode, Key, comparer);

    public override IReadOnlyList<Distribution> RequiredChildDistribution =>
        Mode == AggregateMode.Final ? [new ClusteredDistribution(Key, comparer, null)] : [Distribution.Unspecified];

    public override bool OutputOrdered => Mode == AggregateMode.Partial && Child.OutputOrdered;

    public override string Describe() => $"{(Mode == AggregateMode.Partial ? "Partial" : "")}Distinct(key=[{Key.Body}])";

    public override PartitionData Produce(TaskContext context, int partition) =>
        _distinct.Value(Child.Produce(context, partition), context.Parameters);

    private static Func<PartitionData, object?[], PartitionData> Build<T, TKey>(PlanContext plan, LambdaExpression key, Expression? comparer)
    {
        var keyOf = SlotBinder.Compile<Func<T, TKey>>(key, plan.Slots);
        var comparerOf = SlotBinder.CompileComparer<TKey>(comparer, plan.Slots);
        return (data, parameters) =>
        {
            var k = keyOf(parameters);
            var seen = new AggregationMap<TKey, bool>(comparerOf(parameters));
            var rows = (T[])data.Rows;
            var output = new RowList<T>();
            for (var i = 0; i < data.Count; i++)
            {
                if (seen.FindOrAdd(k(rows[i])) < 0)
                {
                    output.Add(rows[i]);
                }
            }

            return PartitionData.From(output);
        };
    }
}
