using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>Keeps the computed partitions of its input in the session's block manager, keyed by a cache token slot.</summary>
internal sealed class CacheNode(LogicalNode child, ParameterExpression token) : UnaryNode(child)
{
    public ParameterExpression Token { get; } = token;

    public override Type ElementType => Child.ElementType;

    public override LogicalNode WithChild(LogicalNode child) => new CacheNode(child, Token);

    public override string Describe() => $"Cache {Token.Name}";
}
