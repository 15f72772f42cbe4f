using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>
/// Keeps the computed partitions of its input in the session's block manager, keyed by a cache token slot and the
/// values of the slots its input reads: a cached query whose captured values changed is another data set.
/// </summary>
internal sealed class CacheNode(LogicalNode child, ParameterExpression token, IReadOnlyList<ParameterExpression> inputs) : UnaryNode(child)
{
    public ParameterExpression Token { get; } = token;

    /// <summary>The parameter slots the cached input depends on (its sources and captured values).</summary>
    public IReadOnlyList<ParameterExpression> Inputs { get; } = inputs;

    public override Type ElementType => Child.ElementType;

    public override LogicalNode WithChild(LogicalNode child) => new CacheNode(child, Token, Inputs);

    public override string Describe() => $"Cache {Token.Name}";
}
