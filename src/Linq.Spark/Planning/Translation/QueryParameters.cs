using System.Linq.Expressions;

namespace Linq.Spark.Planning.Translation;

/// <summary>The values taken out of a query expression by the funcletizer (Query.ParameterExtractor), in slot order.</summary>
/// <remarks>A cached plan refers to slots by position, so one plan serves every execution of the same query shape.</remarks>
internal sealed class QueryParameters(IReadOnlyList<ParameterExpression> slots, object?[] values)
{
    public IReadOnlyList<ParameterExpression> Slots { get; } = slots;

    public object?[] Values { get; } = values;

    public int IndexOf(ParameterExpression slot)
    {
        for (var i = 0; i < Slots.Count; i++)
        {
            if (Slots[i] == slot)
            {
                return i;
            }
        }

        return -1;
    }
}
