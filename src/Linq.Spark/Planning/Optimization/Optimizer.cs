using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Optimization;

/// <summary>Applies the optimizer rules bottom-up until none changes the plan (or an iteration cap is hit).</summary>
internal static class Optimizer
{
    /// <summary>Every rule, in the order tried at each node.</summary>
    public static readonly IReadOnlyList<IOptimizerRule> Rules =
    [
        new CombineFilters(),
        new PushFilterBelowProject(),
        new PushFilterIntoJoinSide(),
        new PruneUnusedMembers(),
        new AggregateBeforeSortOfGroups(),
        new AggregateBeforeShuffle(),
        new SortWithLimitToTopN(),
        new TupleJoinKeys(),
        new NarrowJoinOutputs(),
        new ExistenceJoins(),
        new PruneJoinInputs(),
    ];

    private const int MaxPasses = 16;

    public static LogicalNode Optimize(LogicalNode plan, IReadOnlySet<string> disabled)
    {
        var rules = Rules.Where(r => !disabled.Contains(r.Name)).ToArray();
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var changed = false;
            plan = Rewrite(plan, rules, ref changed);
            if (!changed)
            {
                break;
            }
        }

        return plan;
    }

    private static LogicalNode Rewrite(LogicalNode node, IOptimizerRule[] rules, ref bool changed)
    {
        var children = node.Children;
        if (children.Count > 0)
        {
            var rewritten = new LogicalNode[children.Count];
            var any = false;
            for (var i = 0; i < children.Count; i++)
            {
                rewritten[i] = Rewrite(children[i], rules, ref changed);
                any |= !ReferenceEquals(rewritten[i], children[i]);
            }

            if (any)
            {
                node = node.WithChildren(rewritten);
            }
        }

        foreach (var rule in rules)
        {
            var result = rule.Apply(node);
            if (result is not null)
            {
                changed = true;
                node = result;
            }
        }

        return node;
    }
}
