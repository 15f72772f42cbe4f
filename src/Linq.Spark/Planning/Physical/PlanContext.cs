using System.Linq.Expressions;

namespace Linq.Spark.Planning.Physical;

/// <summary>What every physical node of one plan shares: the parameter slots its lambdas read, and the session's settings.</summary>
internal sealed class PlanContext(IReadOnlyList<ParameterExpression> slots, SparkOptions options)
{
    public IReadOnlyList<ParameterExpression> Slots { get; } = slots;

    public SparkOptions Options { get; } = options;

    public int ShufflePartitions => Options.EffectiveShufflePartitions;

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
