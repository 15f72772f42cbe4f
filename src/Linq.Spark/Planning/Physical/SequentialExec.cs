using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>Runs an order-dependent LINQ to Objects operator over all rows of its inputs, each gathered in order into one partition.</summary>
internal sealed class SequentialExec(PlanContext plan, IReadOnlyList<ExecNode> inputs, SequentialNode logical) : ExecNode(plan)
{
    private readonly Lazy<Func<PartitionData[], object?[], PartitionData>> _run = new(() => Build(plan, logical));

    public override Type ElementType => logical.ElementType;

    public override IReadOnlyList<ExecNode> Children { get; } = inputs;

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new SequentialExec(Plan, children, logical);

    public override Partitioning OutputPartitioning => new SinglePartitioning();

    public override IReadOnlyList<Distribution> RequiredChildDistribution => [.. Children.Select(_ => Distribution.AllTuples)];

    public override string Describe() => $"Sequential {logical.Name}";

    public override bool ReadsInputLazily => true;

    public override PartitionData Produce(TaskContext context, int partition) =>
        _run.Value([.. Children.Select(child => ProduceLazily(child, context, partition))], context.Parameters);

    /// <summary>Compiles the operator over the inputs' rows: each input's partition is passed as its exact rows.</summary>
    private static Func<PartitionData[], object?[], PartitionData> Build(PlanContext plan, SequentialNode node)
    {
        var inputs = Expression.Parameter(typeof(PartitionData[]), "inputs");
        var outputType = node.ElementType;
        var rows = node.Parameters.Select((parameter, i) => (Expression)Expression.Convert(
            Expression.Call(
                Expression.ArrayIndex(inputs, Expression.Constant(i)),
                typeof(PartitionData).GetMethod(nameof(PartitionData.ReadLazily))!.MakeGenericMethod(parameter.Type.GetGenericArguments()[0])),
            parameter.Type)).ToArray();
        var output = Expression.Call(typeof(Enumerable), nameof(Enumerable.ToArray), [outputType], Internal.ExpressionUtil.Inline(Expression.Lambda(node.Body, node.Parameters), rows));
        var body = Expression.Call(typeof(PartitionData), nameof(PartitionData.From), [outputType], output);
        var factory = SlotBinder.Compile<Func<PartitionData[], PartitionData>>(Expression.Lambda(body, inputs), plan.Slots);
        return (data, parameters) => factory(parameters)(data);
    }
}
