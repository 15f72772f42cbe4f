using System.Linq.Expressions;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>Runs an order-dependent LINQ to Objects operator over all rows of its inputs, each gathered in order into one partition.</summary>
/// <param name="plan">The plan.</param>
/// <param name="inputs">The inputs, the source first.</param>
/// <param name="body">The Enumerable call over <paramref name="parameters"/>.</param>
/// <param name="parameters">The IEnumerable parameters standing for the inputs' rows, one per input.</param>
/// <param name="name">The operator's name for plans.</param>
/// <param name="id">The operator id, or -1 for a new one.</param>
internal sealed class SequentialExec(PlanContext plan, IReadOnlyList<ExecNode> inputs, Expression body, IReadOnlyList<ParameterExpression> parameters, string name, int id = -1)
    : ExecNode(plan, id)
{
    public Expression Body { get; } = body;

    public IReadOnlyList<ParameterExpression> Parameters { get; } = parameters;

    public string Name { get; } = name;

    public static SequentialExec Of(PlanContext plan, IReadOnlyList<ExecNode> inputs, SequentialNode node) => new(plan, inputs, node.Body, node.Parameters, node.Name);

    public override Type ElementType => Internal.TypeUtil.FindElementType(Body.Type)!;

    public override IReadOnlyList<ExecNode> Children { get; } = inputs;

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new SequentialExec(Plan, children, Body, Parameters, Name, Id);

    public override Partitioning OutputPartitioning => new SinglePartitioning();

    public override IReadOnlyList<Distribution> RequiredChildDistribution => [.. Children.Select(_ => Distribution.AllTuples)];

    public override bool ReadsInputLazily => true;

    public override string Describe() => $"Sequential {Name}";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitSequential(this);
}
