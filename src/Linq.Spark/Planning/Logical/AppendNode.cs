using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>Adds one element after the last row (Append) or before the first (Prepend).</summary>
internal sealed class AppendNode(LogicalNode child, Expression element, bool prepend) : UnaryNode(child)
{
    public Expression Element { get; } = element;

    public bool Prepend { get; } = prepend;

    public override Type ElementType => Child.ElementType;

    public override LogicalNode WithChild(LogicalNode child) => new AppendNode(child, Element, Prepend);

    public override string Describe() => $"{(Prepend ? "Prepend" : "Append")} {Element}";
}
