using System.Linq.Expressions;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>What a hash join computes: the LINQ join kind, both key selectors, the result selector and the key comparer.</summary>
/// <param name="Kind">Inner, Left, Right, Group, or an existence join (Semi, Anti, Mark).</param>
/// <param name="LeftKey">left => key.</param>
/// <param name="RightKey">right => key.</param>
/// <param name="ResultSelector">(left, right) => result; for GroupJoin (left, IEnumerable&lt;right&gt;) => result; for an existence join (left, bool matched) => result.</param>
/// <param name="Comparer">An IEqualityComparer of the key, or null for the default.</param>
internal sealed record JoinSpec(JoinKind Kind, LambdaExpression LeftKey, LambdaExpression RightKey, LambdaExpression ResultSelector, Expression? Comparer)
{
    public static JoinSpec Of(JoinNode node) => new(node.Kind, node.LeftKey, node.RightKey, node.ResultSelector, node.Comparer);

    public Type LeftType => LeftKey.Parameters[0].Type;

    public Type RightType => RightKey.Parameters[0].Type;

    public Type KeyType => LeftKey.ReturnType;

    public Type ResultType => ResultSelector.ReturnType;

    /// <summary>Whether an inner join builds its lookup over the left input and streams the right one (the left is the smaller).</summary>
    public bool BuildsLeft { get; init; }

    /// <summary>Whether the left (outer) input is the streamed one: every kind but RightJoin, and an inner join that builds left.</summary>
    public bool StreamsLeft => Kind != JoinKind.Right && !BuildsLeft;
}
