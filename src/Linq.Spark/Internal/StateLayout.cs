using System.Linq.Expressions;

namespace Linq.Spark.Internal;

/// <summary>Lays out aggregation state fields as one (nested) ValueTuple, so a group's state is one struct updated in place.</summary>
internal sealed class StateLayout
{
    public StateLayout(IReadOnlyList<Type> fields)
    {
        Fields = fields;
        Type = fields.Count == 0 ? typeof(ValueTuple<long>) : ValueTuples.TypeOf(fields);
    }

    public IReadOnlyList<Type> Fields { get; }

    public Type Type { get; }

    /// <summary>The field <paramref name="index"/> of a state expression, as an assignable member expression.</summary>
    public Expression Field(Expression state, int index) => ValueTuples.Item(state, index);
}
