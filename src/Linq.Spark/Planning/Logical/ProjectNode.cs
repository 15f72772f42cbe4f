using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>Maps each row through a selector (Select).</summary>
internal sealed class ProjectNode(LogicalNode child, LambdaExpression selector) : UnaryNode(child)
{
    public LambdaExpression Selector { get; } = selector;

    public override Type ElementType => Selector.ReturnType;

    public override LogicalNode WithChild(LogicalNode child) => new ProjectNode(child, Selector);

    public override string Describe() => $"Project {Selector}";
}
