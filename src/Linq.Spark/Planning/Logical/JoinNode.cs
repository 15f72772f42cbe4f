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

    /// <summary>The same join with another kind, right input or result selector.</summary>
    public JoinNode With(JoinKind? kind = null, LogicalNode? right = null, LambdaExpression? resultSelector = null) =>
        new(kind ?? Kind, Left, right ?? Right, LeftKey, RightKey, resultSelector ?? ResultSelector, Comparer);

    public override string Describe() => $"{Kind}Join {LeftKey} = {RightKey}, {ResultSelector}";
}
