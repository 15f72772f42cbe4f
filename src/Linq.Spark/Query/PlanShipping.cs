using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Linq.Spark.Execution.Scheduling;
using Linq.Spark.Planning.Physical;
using Linq.Spark.Planning.Serialization;

namespace Linq.Spark.Query;

/// <summary>
/// A plan and its values as a process that did not plan them receives them: written to bytes with the session's
/// allow-list, then read back. The read operators are kept by the hash of their bytes (an executor's cache of plans),
/// so a plan read twice compiles its kernels once, as a plan made here does; the driver-side parts of the query (its
/// final LINQ operator, which never ships) stay those of the query that ran.
/// </summary>
internal static class PlanShipping
{
    private static readonly ConditionalWeakTable<SparkContext, ConcurrentDictionary<string, (ExecNode Root, PlanContext Context)>> ReadPlans = [];
    private static readonly ConditionalWeakTable<PhysicalPlan, PhysicalPlan> Shipped = [];

    /// <summary>The types a plan of this session may name when it leaves the process.</summary>
    public static TypeAllowList AllowList(SparkContext context, PhysicalPlan plan) =>
        new([.. PlanSerializer.DefiningAssemblies(plan.Root, plan.Context), .. context.RegisteredAssemblies.Keys]);

    /// <summary>The plan and values after a trip through their binary form.</summary>
    public static (PhysicalPlan Plan, object?[] Values) RoundTrip(SparkContext context, PhysicalPlan plan, object?[] values)
    {
        var allow = AllowList(context, plan);
        var planBytes = PlanSerializer.WritePlan(plan.Root, plan.Context, allow);
        var valueBytes = PlanSerializer.WriteValues(values, allow);
        var readPlans = ReadPlans.GetValue(context, _ => new ConcurrentDictionary<string, (ExecNode, PlanContext)>());
        var (root, readContext) = readPlans.GetOrAdd(Convert.ToBase64String(SHA256.HashData(planBytes)), _ => PlanSerializer.ReadPlan(planBytes, allow));

        // Two queries whose distributed parts are the same (Aggregate with different lambdas) share the read operators,
        // but each keeps its own driver-side final operator.
        var read = Shipped.GetValue(plan, p => new PhysicalPlan(root, p.Query, p.Assumptions, readContext));
        return (read, PlanSerializer.ReadValues(valueBytes, allow));
    }
}
