using System.Linq.Expressions;

namespace Linq.Spark.Planning.Physical;

/// <summary>What every physical node of one plan shares: the parameter slots its lambdas read, the settings it was planned under, and its operator numbering.</summary>
internal sealed class PlanContext(IReadOnlyList<ParameterExpression> slots, SparkOptions options)
{
    private int _nextOperatorId = -1;

    public IReadOnlyList<ParameterExpression> Slots { get; } = slots;

    public SparkOptions Options { get; } = options;

    public int ShufflePartitions => Options.EffectiveShufflePartitions;

    /// <summary>How many operator ids the plan has (ids run from 0 to one less).</summary>
    public int OperatorCount => Volatile.Read(ref _nextOperatorId) + 1;

    /// <summary>Takes an id an operator already has (a copy, or a plan read back from bytes), so later ids and <see cref="OperatorCount"/> count past it.</summary>
    public int TakeOperatorId(int id)
    {
        var seen = Volatile.Read(ref _nextOperatorId);
        while (seen < id)
        {
            var before = Interlocked.CompareExchange(ref _nextOperatorId, id, seen);
            if (before == seen)
            {
                break;
            }

            seen = before;
        }

        return id;
    }

    /// <summary>The next operator id (ids are handed out in planning order, so a plan has the same ids wherever it is planned).</summary>
    public int NextOperatorId() => Interlocked.Increment(ref _nextOperatorId);

    public int IndexOf(ParameterExpression slot)
    {
        for (var i = 0; i < Slots.Count; i++)
        {
            if (Slots[i] == slot)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Unknown parameter slot {slot.Name}.");
    }
}
