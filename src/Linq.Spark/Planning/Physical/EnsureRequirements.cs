namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Inserts a ShuffleExchangeExec exactly where a child's output partitioning does not satisfy the distribution
/// its parent requires (Spark's EnsureRequirements rule). Never switches on concrete operator types.
/// </summary>
internal static class EnsureRequirements
{
    public static ExecNode Apply(ExecNode node)
    {
        var children = node.Children.Select(Apply).ToArray();
        var required = node.WithChildren(children).RequiredChildDistribution;
        for (var i = 0; i < children.Length; i++)
        {
            if (!children[i].OutputPartitioning.Satisfies(required[i]))
            {
                children[i] = new ShuffleExchangeExec(node.Plan, children[i], PartitioningFor(required[i], node.Plan), defersFailures: node.ReadsInputLazily);
            }
        }

        return children.Length == 0 ? node : node.WithChildren(children);
    }

    private static Partitioning PartitioningFor(Distribution required, PlanContext plan) => required switch
    {
        AllTuplesDistribution => new SinglePartitioning(),
        ClusteredDistribution c => new HashPartitioning(c.Key, c.Comparer, c.RequiredPartitions ?? plan.ShufflePartitions, c.Display),
        OrderedDistribution o => new RangePartitioning(o.Keys, plan.ShufflePartitions),
        _ => throw new InvalidOperationException($"No partitioning provides {required}."),
    };
}
