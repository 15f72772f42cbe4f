using System.Linq.Expressions;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Sources;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// A rough row count of a logical plan, for broadcast decisions: sources' row counts, halved by each <c>&amp;&amp;</c> term
/// of a filter (no statistics: each condition is taken to keep half the rows, and conditions to be independent),
/// capped by limits, a grouping a tenth of its input (a global aggregate one row), a join no larger than its larger
/// side (key joins), and an existence join no larger than its left side.
/// </summary>
internal static class RowEstimate
{
    private const double FilterSelectivity = 0.5;

    /// <summary>Rows per group taken for a grouping: without statistics, DuckDB and others guess a fraction of the input.</summary>
    private const double RowsPerGroup = 10;

    /// <summary>The estimate, or null when the plan can grow without bound (SelectMany, cross joins).</summary>
    public static double? Of(LogicalNode node, PlanContext plan, object?[] values) => node switch
    {
        ScanNode scan => DataSources.RowCount(values[plan.IndexOf(scan.Slot)]),
        FilterNode filter => Of(filter.Child, plan, values) * Math.Pow(FilterSelectivity, ExpressionUtil.Conjuncts(filter.Predicate.Body).Count),
        LimitNode { Take: ConstantExpression { Value: int take } } limit => Math.Min(take, Of(limit.Child, plan, values) ?? double.MaxValue),
        TopNNode { Take: ConstantExpression { Value: int top } } => top,
        SequentialNode { Children.Count: 0 } => 0,
        AggregateNode { KeySelector: null } => 1,
        AggregateNode or GroupByNode => Of(node.Children[0], plan, values) / RowsPerGroup,
        ProjectNode or DistinctNode or SortNode or CacheNode or BroadcastNode or LimitNode or TopNNode or SequentialNode
            => Of(node.Children[0], plan, values),
        ConcatNode or SetOperationNode { Kind: SetOperationKind.Union } => Of(node.Children[0], plan, values) + Of(node.Children[1], plan, values),
        SetOperationNode => Of(node.Children[0], plan, values),
        JoinNode join when join.Kind.IsExistence() => Of(join.Left, plan, values),
        JoinNode join => Math.Max(Of(join.Left, plan, values) ?? double.MaxValue, Of(join.Right, plan, values) ?? double.MaxValue) is var rows && rows < double.MaxValue ? rows : null,
        _ => null,
    };
}
