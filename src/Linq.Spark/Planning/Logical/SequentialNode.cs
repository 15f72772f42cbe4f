using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>
/// An order-dependent operator with no partitioned form (Reverse, TakeWhile, indexed Select…): all rows are
/// brought to one partition in order and LINQ to Objects' operator runs over them.
/// </summary>
/// <param name="child">The input.</param>
/// <param name="body">The Enumerable call over <paramref name="input"/>.</param>
/// <param name="input">The IEnumerable parameter standing for the input rows.</param>
/// <param name="name">The operator's name for plans.</param>
internal sealed class SequentialNode(LogicalNode child, Expression body, ParameterExpression input, string name) : UnaryNode(child)
{
    public Expression Body { get; } = body;

    public ParameterExpression Input { get; } = input;

    public string Name { get; } = name;

    public override Type ElementType => Internal.TypeUtil.FindElementType(Body.Type)!;

    public override LogicalNode WithChild(LogicalNode child) => new SequentialNode(child, Body, Input, Name);

    public override string Describe() => $"Sequential {Name}";
}
