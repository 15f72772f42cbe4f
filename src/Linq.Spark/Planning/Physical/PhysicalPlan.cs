using Linq.Spark.Planning.Translation;

namespace Linq.Spark.Planning.Physical;

/// <summary>An executable plan: the physical operator tree, how the driver finishes the action, and what the plan assumed.</summary>
internal sealed class PhysicalPlan(ExecNode root, TranslatedQuery query, IReadOnlyList<PlanAssumption> assumptions, PlanContext context)
{
    /// <summary>A plan an executor read from a driver's bytes: it runs tasks only, so it has no query to finish on a driver.</summary>
    public static PhysicalPlan Shipped(ExecNode root, PlanContext context) => new(root, null!, [], context);

    public ExecNode Root { get; } = root;

    public TranslatedQuery Query { get; } = query;

    public IReadOnlyList<PlanAssumption> Assumptions { get; } = assumptions;

    public PlanContext Context { get; } = context;

    /// <summary>The node whose partitions the result stage computes (below a driver-side final step, if any).</summary>
    public ExecNode ResultInput => Root.FinishesOnDriver ? Root.DriverInput : Root;
}
