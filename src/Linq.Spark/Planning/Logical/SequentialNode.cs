using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>
/// An order-dependent operator with no partitioned form (Reverse, TakeWhile, indexed Select, Zip…): all rows of each
/// input are brought to one partition in order and LINQ to Objects' operator runs over them. Every sequence the
/// operator reads (Zip's second one too) is an input of the plan, never a query enumerated from inside a task.
/// </summary>
/// <param name="inputs">The plans of the sequences the operator reads, the source first.</param>
/// <param name="body">The Enumerable call over <paramref name="parameters"/>.</param>
/// <param name="parameters">The IEnumerable parameters standing for the inputs' rows, one per input.</param>
/// <param name="name">The operator's name for plans.</param>
internal sealed class SequentialNode(IReadOnlyList<LogicalNode> inputs, Expression body, IReadOnlyList<ParameterExpression> parameters, string name) : LogicalNode
{
    public Expression Body { get; } = body;

    public IReadOnlyList<ParameterExpression> Parameters { get; } = parameters;

    public string Name { get; } = name;

    public LogicalNode Child => Children[0];

    public override IReadOnlyList<LogicalNode> Children { get; } = inputs;

    public override Type ElementType => Internal.TypeUtil.FindElementType(Body.Type)!;

    public override LogicalNode WithChildren(IReadOnlyList<LogicalNode> children) => new SequentialNode(children, Body, Parameters, Name);

    public override string Describe() => $"Sequential {Name}";
}
