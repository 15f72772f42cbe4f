using System.Linq.Expressions;
using Linq.Spark.Buffers;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// What a hash aggregation computes: the input row type, the grouping key (none for a global aggregate), the
/// decomposable aggregate calls and the result selector, and the layout of its per-group state.
/// </summary>
/// <param name="InputType">The type of the rows aggregated.</param>
/// <param name="KeySelector">row => key, or null for one global group.</param>
/// <param name="Aggregates">The aggregate functions, in state order.</param>
/// <param name="ResultSelector">(key, a0, a1, …) => result when keyed; (a0, a1, …) => result otherwise.</param>
/// <param name="Comparer">An IEqualityComparer of the key, or null for the default.</param>
internal sealed record AggregateSpec(
    Type InputType,
    LambdaExpression? KeySelector,
    IReadOnlyList<AggregateCall> Aggregates,
    LambdaExpression ResultSelector,
    Expression? Comparer)
{
    private StateLayout? _layout;
    private int[]? _firstField;

    public static AggregateSpec Of(AggregateNode node) =>
        new(node.Child.ElementType, node.KeySelector, node.Aggregates, node.ResultSelector, node.Comparer);

    public bool IsGlobal => KeySelector is null;

    /// <summary>The key type (bool stands in for a global aggregate's absent key).</summary>
    public Type KeyType => KeySelector?.ReturnType ?? typeof(bool);

    public Type ResultType => ResultSelector.ReturnType;

    /// <summary>The per-group state: the fields of every call, laid out as one (nested) ValueTuple.</summary>
    public StateLayout Layout => _layout ??= BuildLayout(out _firstField);

    /// <summary>The index of the first state field of call <paramref name="call"/>.</summary>
    public int FirstField(int call)
    {
        _ = Layout;
        return _firstField![call];
    }

    /// <summary>The rows the partial half emits: key and state per group, or the bare state of a global aggregate.</summary>
    public Type EntryType => IsGlobal ? Layout.Type : typeof(AggregateEntry<,>).MakeGenericType(KeyType, Layout.Type);

    /// <summary>entry => entry.Key: what the shuffle between the halves partitions by.</summary>
    public LambdaExpression EntryKey
    {
        get
        {
            var entry = Expression.Parameter(EntryType, "entry");
            return Expression.Lambda(Expression.Property(entry, "Key"), entry);
        }
    }

    private StateLayout BuildLayout(out int[] firstField)
    {
        firstField = new int[Aggregates.Count];
        var fields = new List<Type>();
        for (var i = 0; i < Aggregates.Count; i++)
        {
            firstField[i] = fields.Count;
            fields.AddRange(StateFields(Aggregates[i]));
        }

        return new StateLayout(fields);
    }

    /// <summary>A count; a sum; a sum and a count (Average); or whether any value was seen and the best so far (Min/Max).</summary>
    private static IEnumerable<Type> StateFields(AggregateCall call)
    {
        var value = call.ValueType is null ? null : Nullable.GetUnderlyingType(call.ValueType) ?? call.ValueType;
        return call.Kind switch
        {
            AggregateKind.Count or AggregateKind.LongCount => [typeof(long)],
            AggregateKind.Sum => [SumType(value!)],
            AggregateKind.Average => [SumType(value!), typeof(long)],
            _ => [typeof(bool), value!],
        };
    }

    private static Type SumType(Type value) =>
        value == typeof(int) || value == typeof(long) ? typeof(long)
        : value == typeof(float) || value == typeof(double) ? typeof(double)
        : value == typeof(decimal) ? typeof(decimal)
        : throw new NotSupportedException($"Sum/Average over {value} is not a LINQ aggregate.");
}
