using System.Linq.Expressions;

namespace Linq.Spark.Planning.Physical;

/// <summary>What every physical node of one plan shares: the parameter slots its lambdas read, the settings it was planned under, and its operator numbering.</summary>
internal sealed class PlanContext(IReadOnlyList<ParameterExpression> slots, SparkOptions options)
{
    private int _nextOperatorId = -1;

    public IReadOnlyList<ParameterExpression> Slots { get; } = slots;

    public SparkOptions Options { get; } = options;

    public int ShufflePartitions => Options.EffectiveShufflePartitions;

    /// <summary>How many operator ids the plan has handed out (ids run from 0).</summary>
    public int OperatorCount => Volatile.Read(ref _nextOperatorId) + 1;

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
