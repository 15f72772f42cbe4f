using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>An equi-join of two inputs on key selectors: Join, LeftJoin, RightJoin or GroupJoin, or an existence join the optimizer made of one.</summary>
internal sealed class JoinNode(
    JoinKind kind,
    LogicalNode left,
    LogicalNode right,
    LambdaExpression leftKey,
    LambdaExpression rightKey,
    LambdaExpression resultSelector,
    Expression? comparer) : LogicalNode
{
    public JoinKind Kind { get; } = kind;

    public LogicalNode Left { get; } = left;

    public LogicalNode Right { get; } = right;

    public LambdaExpression LeftKey { get; } = leftKey;

    public LambdaExpression RightKey { get; } = rightKey;

    /// <summary>(left, right) => result; for GroupJoin (left, IEnumerable&lt;right&gt;) => result; for Semi, Anti and Mark (left, bool matched) => result.</summary>
    public LambdaExpression ResultSelector { get; } = resultSelector;

    public Expression? Comparer { get; } = comparer;

    public override Type ElementType => ResultSelector.ReturnType;

    public override IReadOnlyList<LogicalNode> Children => [Left, Right];

    public override LogicalNode WithChildren(IReadOnlyList<LogicalNode> children) =>
        new JoinNode(Kind, children[0], children[1], LeftKey, RightKey, ResultSelector, Comparer);

    public override string Describe() => $"{Kind}Join {LeftKey} = {RightKey}, {ResultSelector}";
}
