using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Optimization;

/// <summary>OrderBy followed by Take(n) becomes a per-partition top-n merged at the end, instead of a full range shuffle.</summary>
internal sealed class SortWithLimitToTopN : IOptimizerRule
{
    public string Name => nameof(SortWithLimitToTopN);

    public LogicalNode? Apply(LogicalNode node) =>
        node is LimitNode { Skip: null, Take: not null, Child: SortNode sort } limit
            ? new TopNNode(sort.Child, sort.Keys, limit.Take)
            : null;
}
