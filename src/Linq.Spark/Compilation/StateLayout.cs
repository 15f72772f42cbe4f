using System.Linq.Expressions;

namespace Linq.Spark.Compilation;

/// <summary>Lays out aggregation state fields as one (nested) ValueTuple, so a group's state is one struct updated in place.</summary>
internal sealed class StateLayout
{
    public StateLayout(IReadOnlyList<Type> fields)
    {
        Fields = fields;
        Type = Build(fields, 0);
    }

    public IReadOnlyList<Type> Fields { get; }

    public Type Type { get; }

    /// <summary>The field <paramref name="index"/> of a state expression, as an assignable member expression.</summary>
    public Expression Field(Expression state, int index)
    {
        var current = state;
        while (index >= 7)
        {
            current = Expression.Field(current, "Rest");
            index -= 7;
        }

        return Expression.Field(current, "Item" + (index + 1));
    }

    private static Type Build(IReadOnlyList<Type> fields, int start)
    {
        var count = fields.Count - start;
        if (count == 0)
        {
            return typeof(ValueTuple<long>);
        }

        if (count <= 7)
        {
            var args = fields.Skip(start).ToArray();
            return GenericTuple(args.Length).MakeGenericType(args);
        }

        var head = fields.Skip(start).Take(7).Append(Build(fields, start + 7)).ToArray();
        return typeof(ValueTuple<,,,,,,,>).MakeGenericType(head);
    }

    private static Type GenericTuple(int arity) => arity switch
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
