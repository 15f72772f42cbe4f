using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>Skips then takes rows by position (Skip, Take); counts are int expressions (literals or slots).</summary>
internal sealed class LimitNode(LogicalNode child, Expression? skip, Expression? take) : UnaryNode(child)
{
    public Expression? Skip { get; } = skip;

    public Expression? Take { get; } = take;

    public override Type ElementType => Child.ElementType;

    public override LogicalNode WithChild(LogicalNode child) => new LimitNode(child, Skip, Take);

    public override string Describe() => $"Limit skip={Skip?.ToString() ?? "0"} take={Take?.ToString() ?? "all"}";
}
