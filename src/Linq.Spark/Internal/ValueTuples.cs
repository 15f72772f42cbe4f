using System.Linq.Expressions;

namespace Linq.Spark.Internal;

/// <summary>Several values as one ValueTuple, nested in <c>Rest</c> past seven (as C# lays out long tuples).</summary>
internal static class ValueTuples
{
    /// <summary>The tuple type holding <paramref name="types"/> in order (at least one).</summary>
    public static Type TypeOf(IReadOnlyList<Type> types) =>
        types.Count <= 7 ? Generic(types.Count).MakeGenericType([.. types])
        : typeof(ValueTuple<,,,,,,,>).MakeGenericType([.. types.Take(7), TypeOf([.. types.Skip(7)])]);

    /// <summary>A new tuple of <paramref name="values"/>.</summary>
    public static Expression New(IReadOnlyList<Expression> values)
    {
        var parts = values.Count <= 7 ? values : [.. values.Take(7), New([.. values.Skip(7)])];
        var type = TypeOf([.. values.Select(v => v.Type)]);
        return Expression.New(type.GetConstructor([.. parts.Select(p => p.Type)])!, parts);
    }

    /// <summary>Item <paramref name="index"/> of a tuple, as an assignable field expression.</summary>
    public static Expression Item(Expression tuple, int index) =>
        index < 7 ? Expression.Field(tuple, "Item" + (index + 1)) : Item(Expression.Field(tuple, "Rest"), index - 7);

    private static Type Generic(int arity) => arity switch
    {
        1 => typeof(ValueTuple<>),
        2 => typeof(ValueTuple<,>),
        3 => typeof(ValueTuple<,,>),
        4 => typeof(ValueTuple<,,,>),
        5 => typeof(ValueTuple<,,,,>),
        6 => typeof(ValueTuple<,,,,,>),
        _ => typeof(ValueTuple<,,,,,,>),
    };
}
