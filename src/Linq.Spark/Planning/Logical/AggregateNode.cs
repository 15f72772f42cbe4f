using System.Linq.Expressions;

namespace Linq.Spark.Planning.Logical;

/// <summary>
/// Groups rows by a key (or all rows, when there is no key) and computes decomposable aggregates per group,
/// then shapes each group's row with a result selector taking (key, aggregate values...).
/// </summary>
internal sealed class AggregateNode(
    LogicalNode child,
    LambdaExpression? keySelector,
    IReadOnlyList<AggregateCall> aggregates,
    LambdaExpression resultSelector,
    Expression? comparer) : UnaryNode(child)
{
    public LambdaExpression? KeySelector { get; } = keySelector;

    public IReadOnlyList<AggregateCall> Aggregates { get; } = aggregates;

    /// <summary>(key, a0, a1, …) => result when keyed; (a0, a1, …) => result otherwise.</summary>
    public LambdaExpression ResultSelector { get; } = resultSelector;

    /// <summary>An IEqualityComparer of the key, or null for the default.</summary>
    public Expression? Comparer { get; } = comparer;

    public override Type ElementType => ResultSelector.ReturnType;

    public override LogicalNode WithChild(LogicalNode child) => new AggregateNode(child, KeySelector, Aggregates, ResultSelector, Comparer);

    public override string Describe() =>
        $"Aggregate keys=[{KeySelector?.ToString() ?? ""}] functions=[{string.Join(", ", Aggregates.Select(a => a.Describe()))}]";
}
