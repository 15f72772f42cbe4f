using Linq.Spark.Planning.Logical;
using Linq.Spark.Sources;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// A rough row count of a logical plan, for broadcast decisions: sources' row counts, halved by each filter (no
/// statistics, Spark's default guess), capped by limits, and a join no larger than its larger side (key joins).
/// </summary>
internal static class RowEstimate
{
    private const double FilterSelectivity = 0.5;

    /// <summary>The estimate, or null when the plan can grow without bound (SelectMany, cross joins).</summary>
    public static double? Of(LogicalNode node, PlanContext plan, object?[] values) => node switch
    {
        ScanNode scan => DataSources.RowCount(values[plan.IndexOf(scan.Slot)]),
        FilterNode filter => Of(filter.Child, plan, values) * FilterSelectivity,
        LimitNode { Take: System.Linq.Expressions.ConstantExpression { Value: int take } } limit => Math.Min(take, Of(limit.Child, plan, values) ?? double.MaxValue),
        TopNNode { Take: System.Linq.Expressions.ConstantExpression { Value: int top } } => top,
        SequentialNode { Children.Count: 0 } => 0,
        ProjectNode or DistinctNode or AggregateNode or GroupByNode or SortNode or CacheNode or BroadcastNode or LimitNode or TopNNode or SequentialNode
            => Of(node.Children[0], plan, values),
        ConcatNode or SetOperationNode { Kind: SetOperationKind.Union } => Of(node.Children[0], plan, values) + Of(node.Children[1], plan, values),
        SetOperationNode => Of(node.Children[0], plan, values),
        JoinNode join => Math.Max(Of(join.Left, plan, values) ?? double.MaxValue, Of(join.Right, plan, values) ?? double.MaxValue) is var rows && rows < double.MaxValue ? rows : null,
        _ => null,
    };
}
