using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>
/// Union/Intersect/Except and their By forms. For Union the right input has the element type; for IntersectBy and
/// ExceptBy it holds keys, and <see cref="RightKeySelector"/> is the identity.
/// </summary>
internal sealed class SetOperationNode(
    SetOperationKind kind,
    LogicalNode left,
    LogicalNode right,
    LambdaExpression leftKeySelector,
    LambdaExpression rightKeySelector,
    Expression? comparer) : LogicalNode
{
    public SetOperationKind Kind { get; } = kind;

    public LogicalNode Left { get; } = left;

    public LogicalNode Right { get; } = right;

    public LambdaExpression LeftKeySelector { get; } = leftKeySelector;

    public LambdaExpression RightKeySelector { get; } = rightKeySelector;

    public Expression? Comparer { get; } = comparer;

    public override Type ElementType => Left.ElementType;

    public override IReadOnlyList<LogicalNode> Children => [Left, Right];

    public override LogicalNode WithChildren(IReadOnlyList<LogicalNode> children) =>
        new SetOperationNode(Kind, children[0], children[1], LeftKeySelector, RightKeySelector, Comparer);

    public override string Describe() => $"{Kind} {LeftKeySelector}";
}
