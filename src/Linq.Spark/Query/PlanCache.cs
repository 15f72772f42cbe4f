using System.Collections.Concurrent;
using System.Linq.Expressions;
using Linq.Spark.Planning.Optimization;
using Linq.Spark.Planning.Physical;
using Linq.Spark.Planning.Translation;

namespace Linq.Spark.Query;

/// <summary>
/// Compiled plans by query shape: a repeated query with new captured values reuses its plan and kernels, as long as
/// the plan's assumptions about the values (partition counts, broadcast sizes) still hold.
/// </summary>
internal sealed class PlanCache(SparkOptions options)
{
    private readonly ConcurrentDictionary<string, ImmutableListBox> _plans = new();

    /// <summary>How many plans were built (cache misses), for tests and diagnostics.</summary>
    public int PlansBuilt => _built;

    private int _built;

    /// <summary>The plan for the query's shape, with set operations read in LINQ's order when <paramref name="setsInOrder"/> (see <see cref="QueryTranslator.Translate"/>).</summary>
    public PhysicalPlan GetOrCreate(Expression shape, QueryParameters parameters, bool setsInOrder = false)
    {
        var key = ShapeKey.Of(shape, parameters, _ => string.Empty) + (setsInOrder ? "|sets in order" : string.Empty);
        if (_plans.TryGetValue(key, out var box))
        {
            foreach (var cached in box.Plans)
            {
                if (cached.Assumptions.All(a => a.Holds(parameters.Values)))
                {
                    return Rebind(cached, parameters);
                }
            }
        }

        var assumptions = new List<PlanAssumption>();
        var translated = QueryTranslator.Translate(shape, parameters, assumptions, setsInOrder);
        var optimized = Optimizer.Optimize(translated.Root, options.DisabledRules);
        var plan = PhysicalPlanner.Create(translated, optimized, parameters, options, assumptions, shape);
        Interlocked.Increment(ref _built);
        _plans.AddOrUpdate(key, _ => new ImmutableListBox([plan]), (_, old) => new ImmutableListBox([.. old.Plans, plan]));
        return plan;
    }

    /// <summary>A cached plan reads values by slot position; the new values line up with the cached slots.</summary>
    private static PhysicalPlan Rebind(PhysicalPlan plan, QueryParameters parameters) =>
        parameters.Slots.Count == plan.Context.Slots.Count
            ? plan
            : throw new InvalidOperationException("A cached plan's parameter slots do not match the query.");

    private sealed record ImmutableListBox(IReadOnlyList<PhysicalPlan> Plans);
}
