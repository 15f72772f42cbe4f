namespace Linq.Spark.Planning.Physical;

/// <summary>
/// A fact about a parameter's value that a cached plan relies on (a source's partition count, whether a join side
/// is small enough to broadcast, a Repartition count). A cached plan is reused only when all its assumptions hold.
/// </summary>
internal sealed record PlanAssumption(int SlotIndex, string What, Func<object?, object?> Probe, object? Expected)
{
    public bool Holds(object?[] values) => Equals(Probe(values[SlotIndex]), Expected);
}
