using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Execution;
using Linq.Spark.Execution.Buffers;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>Runs an order-dependent LINQ to Objects operator over all rows, gathered in order into one partition.</summary>
internal sealed class SequentialExec(PlanContext plan, ExecNode child, SequentialNode logical) : ExecNode(plan)
{
    private readonly Lazy<Func<PartitionData, object?[], PartitionData>> _run = new(() =>
        (Func<PartitionData, object?[], PartitionData>)typeof(SequentialExec)
            .GetMethod(nameof(Build), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(child.ElementType, logical.ElementType)
            .Invoke(null, [plan, logical])!);

    public ExecNode Child { get; } = child;

    public override Type ElementType => logical.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new SequentialExec(Plan, children[0], logical);

    public override IReadOnlyList<Distribution> RequiredChildDistribution => [Distribution.AllTuples];

    public override string Describe() => $"Sequential {logical.Name}";

    public override PartitionData Produce(TaskContext context, int partition) => _run.Value(Child.Produce(context, partition), context.Parameters);

    private static Func<PartitionData, object?[], PartitionData> Build<TIn, TOut>(PlanContext plan, SequentialNode node)
    {
        var body = Expression.Convert(node.Body, typeof(IEnumerable<TOut>));
        var apply = SlotBinder.Compile<Func<IEnumerable<TIn>, IEnumerable<TOut>>>(Expression.Lambda(body, node.Input), plan.Slots);
        return (data, parameters) =>
        {
            var rows = new ArraySegment<TIn>((TIn[])data.Rows, 0, data.Count);
            return PartitionData.From(apply(parameters)(rows).ToArray());
        };
    }
}
