namespace Linq.Spark.Planning.Translation;

/// <summary>
/// A fact about a parameter's value that a cached plan relies on (a source's partition count, whether a join side
/// is small enough to broadcast, a Repartition count). A cached plan is reused only when all its assumptions hold.
/// </summary>
internal sealed record PlanAssumption(string What, Func<object?[], object?> Probe, object? Expected)
{
    /// <summary>An assumption about one slot's value.</summary>
    public PlanAssumption(int slotIndex, string what, Func<object?, object?> probe, object? expected)
        : this(what, values => probe(values[slotIndex]), expected)
    {
    }

    public bool Holds(object?[] values) => Equals(Probe(values), Expected);
}
