using System.Linq.Expressions;
using Linq.Spark.Columnar;
using Linq.Spark.Compilation;
using Linq.Spark.Execution.Buffers;
using Linq.Spark.Execution.Shuffle;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>The typed sort-key part of a range shuffle: keys of type TKeys (one key, or a tuple of several).</summary>
internal interface IRangeRuntime
{
    /// <summary>The map task's sink: a <see cref="SortedRunWriter{TKeys}"/>.</summary>
    Type WriterType { get; }

    /// <summary>The statement recording a row's sort keys, right after the row was appended.</summary>
    Expression AddKeys(KernelContext context, Expression row);

    object NewWriter(IEncoder encoder, int mapId);

    /// <summary>Sorts a map task's block by its keys (stably: equal keys keep input order).</summary>
    object SortRun(object writer, object?[] parameters);

    /// <summary>The rows of every map task's sorted run that fall in reducer <paramref name="reduceId"/>'s key range, as (run, start, count).</summary>
    IReadOnlyList<(ColumnBatch Batch, int Start, int Count)> Slices(Execution.Shuffle.MapOutputTracker tracker, int reduceId, int reducers, object?[] parameters);
}

/// <summary>
/// A range shuffle over column batches (Spark's RangePartitioner): each map task evaluates the sort keys once per
/// row, sorts (keys, row) pairs and gathers its block into that order; reducer bounds come from an even sample of
/// every run's keys, and each reducer takes its key range from every run by binary search.
/// </summary>
internal sealed class RangeRuntime<TKeys> : IRangeRuntime
{
    private readonly IReadOnlyList<SortKey> _keys;
    private readonly Func<object?[], Comparison<TKeys>> _comparison;

    public RangeRuntime(IReadOnlyList<SortKey> keys, PlanContext plan)
    {
        _keys = keys;
        var tuple = Expression.Parameter(typeof(TKeys), "keys");
        var byPosition = keys.Select((k, i) => k with { Selector = Expression.Lambda(KeyTuple.Item(tuple, i, keys.Count), tuple) }).ToList();
        _comparison = SortComparison.Compile<TKeys>(byPosition, plan.Slots);
    }

    public Type WriterType => typeof(SortedRunWriter<TKeys>);

    public Expression AddKeys(KernelContext context, Expression row) =>
        Expression.Call(context.Sink, nameof(SortedRunWriter<TKeys>.AddKeys), null, KeyTuple.New([.. _keys.Select(k => ExpressionUtil.Inline(k.Selector, row))]));

    public object NewWriter(IEncoder encoder, int mapId) => new SortedRunWriter<TKeys>(encoder, mapId);

    public object SortRun(object writer, object?[] parameters)
    {
        var run = (SortedRunWriter<TKeys>)writer;
        var entries = run.Entries.ToArray();
        var compare = _comparison(parameters);
        StableSort.Sort(entries, entries.Length, (a, b) => compare(a.Keys, b.Keys));
        var batch = run.Batches()[0].Gather([.. entries.Select(e => e.Row)]);
        return new SortedRun<TKeys>(batch, [.. entries.Select(e => e.Keys)]);
    }

    public IReadOnlyList<(ColumnBatch Batch, int Start, int Count)> Slices(Execution.Shuffle.MapOutputTracker tracker, int reduceId, int reducers, object?[] parameters)
    {
        var compare = _comparison(parameters);
        var bounds = tracker.Derive(t => Bounds(t, reducers, compare));
        var slices = new List<(ColumnBatch, int, int)>();
        foreach (var status in tracker.Statuses)
        {
            var run = (SortedRun<TKeys>)status.Output;
            var length = run.Keys.Length;
            var start = reduceId == 0 ? 0 : bounds.Length == 0 ? length : LowerBound(run.Keys, bounds[reduceId - 1], compare);
            var end = reduceId == reducers - 1 || bounds.Length == 0 ? length : LowerBound(run.Keys, bounds[reduceId], compare);
            slices.Add((run.Batch, start, end - start));
        }

        return slices;
    }

    /// <summary>Reducer boundaries chosen from an even sample of every sorted run's keys.</summary>
    private static TKeys[] Bounds(Execution.Shuffle.MapOutputTracker tracker, int reducers, Comparison<TKeys> compare)
    {
        var samplePerMap = 20 * reducers;
        var sample = new List<TKeys>();
        foreach (var status in tracker.Statuses)
        {
            var keys = ((SortedRun<TKeys>)status.Output).Keys;
            var step = Math.Max(1, keys.Length / samplePerMap);
            for (var i = step / 2; i < keys.Length; i += step)
            {
                sample.Add(keys[i]);
            }
        }

        if (sample.Count == 0)
        {
            return [];
        }

        var sorted = sample.ToArray();
        StableSort.Sort(sorted, sorted.Length, compare);
        return [.. Enumerable.Range(1, reducers - 1).Select(r => sorted[(int)((long)sorted.Length * r / reducers)])];
    }

    private static int LowerBound(TKeys[] keys, TKeys bound, Comparison<TKeys> compare)
    {
        int low = 0, high = keys.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (compare(keys[mid], bound) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}

/// <summary>Several sort keys as one value: the key itself for one, else a ValueTuple (nested in Rest past seven).</summary>
internal static class KeyTuple
{
    public static Type TypeOf(IReadOnlyList<Type> types) => types.Count == 1 ? types[0] : TupleOf(types);

    public static Expression New(IReadOnlyList<Expression> values) => values.Count == 1 ? values[0] : NewTuple(values);

    /// <summary>Key <paramref name="index"/> of a key value built by <see cref="New"/> from <paramref name="count"/> keys.</summary>
    public static Expression Item(Expression tuple, int index, int count) =>
        count == 1 ? tuple : TupleItem(tuple, index);

    private static Type TupleOf(IReadOnlyList<Type> types) =>
        types.Count <= 7 ? ValueTupleType(types.Count).MakeGenericType([.. types])
        : typeof(ValueTuple<,,,,,,,>).MakeGenericType([.. types.Take(7), TupleOf([.. types.Skip(7)])]);

    private static Expression NewTuple(IReadOnlyList<Expression> values)
    {
        var parts = values.Count <= 7 ? values : [.. values.Take(7), NewTuple([.. values.Skip(7)])];
        var type = TupleOf([.. values.Select(v => v.Type)]);
        return Expression.New(type.GetConstructor([.. parts.Select(p => p.Type)])!, parts);
    }

    private static Expression TupleItem(Expression tuple, int index) =>
        index < 7 ? Expression.Field(tuple, "Item" + (index + 1)) : TupleItem(Expression.Field(tuple, "Rest"), index - 7);

    private static Type ValueTupleType(int arity) => arity switch
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
