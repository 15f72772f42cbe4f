using System.Linq.Expressions;
using Linq.Spark.Columnar;
using Linq.Spark.Compilation;
using Linq.Spark.Buffers;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Shuffle;

/// <summary>The typed sort-key part of a range shuffle: keys of type TKeys (one key, or a tuple of several).</summary>
internal interface IRangeRuntime
{
    /// <summary>The map task's sink: a <see cref="SortedRunWriter{TKeys}"/>.</summary>
    Type WriterType { get; }

    /// <summary>The sort keys as columns (for a run's keys when blocks are encoded).</summary>
    IEncoder KeyLayout { get; }

    /// <summary>The statement recording a row's sort keys, right after the row was appended.</summary>
    Expression AddKeys(KernelContext context, Expression row);

    /// <summary>A map task's writer; past its reservation it sorts its rows so far and gives them to <paramref name="handOn"/> as a run.</summary>
    object NewWriter(IEncoder encoder, int mapId, Memory.MemoryReservation? reservation, Action<object>? handOn);

    /// <summary>Empties a writer whose rows were handed on as a run, for the next run.</summary>
    void StartRun(object writer);

    /// <summary>The samples of a map task's runs as one sample.</summary>
    Array Concat(IReadOnlyList<Array> samples);

    /// <summary>Sorts a map task's block by its keys (stably: equal keys keep input order); returns the sorted rows and their keys (a TKeys[]).</summary>
    (ColumnBatch Rows, Array Keys) SortRun(object writer, object?[] parameters);

    /// <summary>An even sample of a sorted run's keys, for the driver's choice of reducer bounds.</summary>
    Array Sample(Array keys, int reducers);

    /// <summary>On the driver: the reducers' bounds from every map task's sample.</summary>
    Array Bounds(IEnumerable<Array> samples, int reducers, object?[] parameters);

    /// <summary>Reducer <paramref name="reduceId"/>'s key range of every sorted run (map tasks in order, each one's runs in order), merged into one sorted batch.</summary>
    ColumnBatch Read(IEncoder encoder, IReadOnlyList<Blocks.ShuffleBlock> runs, Array bounds, int reduceId, int reducers, object?[] parameters);
}

/// <summary>
/// A range shuffle over column batches (Spark's RangePartitioner): each map task evaluates the sort keys once per
/// row, sorts (keys, row) pairs and gathers its block into that order; the driver picks reducer bounds from an even
/// sample of every run's keys that the map tasks report, and each reducer takes its key range from every run by
/// binary search and merges them, so its partition arrives sorted.
/// </summary>
internal sealed class RangeRuntime<TKeys> : IRangeRuntime
{
    private readonly IReadOnlyList<SortKey> _keys;
    private readonly Func<object?[], Comparison<TKeys>> _comparison;

    /// <summary>One key in the default order of its type: sorted by the runtime's key/items sort, then made stable.</summary>
    private readonly bool _singleDefaultKey;

    public RangeRuntime(IReadOnlyList<SortKey> keys, PlanContext plan)
    {
        _keys = keys;
        var tuple = Expression.Parameter(typeof(TKeys), "keys");
        var byPosition = keys.Select((k, i) => k with { Selector = Expression.Lambda(KeyTuple.Item(tuple, i, keys.Count), tuple) }).ToList();
        _comparison = SortComparison.Compile<TKeys>(byPosition, plan.Slots);
        _singleDefaultKey = keys is [{ Comparer: null }] && HasBuiltInOrder(Nullable.GetUnderlyingType(typeof(TKeys)) ?? typeof(TKeys));
    }

    /// <summary>Types whose default comparison never throws (user IComparable implementations may).</summary>
    private static bool HasBuiltInOrder(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateOnly)
        || type == typeof(DateTime) || type == typeof(TimeSpan) || type == typeof(TimeOnly);

    public Type WriterType => typeof(SortedRunWriter<TKeys>);

    public IEncoder KeyLayout => Encoder<TKeys>.Exchange;

    public Expression AddKeys(KernelContext context, Expression row) =>
        Expression.Call(context.Sink, nameof(SortedRunWriter<TKeys>.AddKeys), null, KeyTuple.New([.. _keys.Select(k => ExpressionUtil.Inline(k.Selector, row))]));

    public object NewWriter(IEncoder encoder, int mapId, Memory.MemoryReservation? reservation, Action<object>? handOn) =>
        new SortedRunWriter<TKeys>(encoder, mapId, reservation, handOn is null ? null : handOn.Invoke);

    public void StartRun(object writer) => ((SortedRunWriter<TKeys>)writer).StartRun();

    public Array Concat(IReadOnlyList<Array> samples) => samples.Count == 1 ? samples[0] : samples.SelectMany(s => (TKeys[])s).ToArray();

    public (ColumnBatch Rows, Array Keys) SortRun(object writer, object?[] parameters)
    {
        var run = (SortedRunWriter<TKeys>)writer;
        var keys = new TKeys[run.Entries.Count];
        var rows = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            (keys[i], rows[i]) = (run.Entries.Items[i].Keys, run.Entries.Items[i].Row);
        }

        if (_singleDefaultKey)
        {
            SortOneKey(keys, rows, _keys[0].Descending);
        }
        else
        {
            var entries = run.Entries.ToArray();
            var compare = _comparison(parameters);
            StableSort.Sort(entries, entries.Length, (a, b) => compare(a.Keys, b.Keys));
            for (var i = 0; i < keys.Length; i++)
            {
                (keys[i], rows[i]) = (entries[i].Keys, entries[i].Row);
            }
        }

        return (run.Batches()[0].Gather(rows), keys);
    }

    /// <summary>
    /// Sorts by one key in its type's default order with the runtime's (unstable) key/items sort, then restores input
    /// order among equal keys by sorting each run of equal keys by row index.
    /// </summary>
    private static void SortOneKey(TKeys[] keys, int[] rows, bool descending)
    {
        Array.Sort(keys, rows);
        if (descending)
        {
            Array.Reverse(keys);
            Array.Reverse(rows);
        }

        var comparer = Comparer<TKeys>.Default;
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && comparer.Compare(keys[start], keys[end]) == 0)
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(rows, start, end - start);
            }

            start = end;
        }
    }

    public ColumnBatch Read(IEncoder encoder, IReadOnlyList<Blocks.ShuffleBlock> runs, Array bounds, int reduceId, int reducers, object?[] parameters)
    {
        var compare = _comparison(parameters);
        var limits = (TKeys[])bounds;
        var slices = new List<(Blocks.ShuffleBlock Run, int Start, int Count)>();
        foreach (var run in runs)
        {
            var keys = (TKeys[])run.Keys!;
            var length = keys.Length;
            var start = reduceId == 0 ? 0 : limits.Length == 0 ? length : LowerBound(keys, limits[reduceId - 1], compare);
            var end = reduceId == reducers - 1 || limits.Length == 0 ? length : LowerBound(keys, limits[reduceId], compare);
            slices.Add((run, start, end - start));
        }

        var batch = ColumnBatch.Concat(encoder, [.. slices.Select(r => (r.Run.Rows, r.Start, r.Count))]);
        return slices.Count(r => r.Count > 0) <= 1 ? batch : batch.Gather(MergeOrder(slices, compare));
    }

    /// <summary>
    /// The order that merges the sorted slices (positions in their concatenation): the smallest head key next, and on
    /// equal keys the earlier map task's row, so rows with equal keys keep the order of the map tasks' inputs.
    /// </summary>
    private static int[] MergeOrder(List<(Blocks.ShuffleBlock Run, int Start, int Count)> runs, Comparison<TKeys> compare)
    {
        var offsets = new int[runs.Count];
        var heads = new int[runs.Count];
        for (var r = 1; r < runs.Count; r++)
        {
            offsets[r] = offsets[r - 1] + runs[r - 1].Count;
        }

        var order = new int[offsets[^1] + runs[^1].Count];
        TKeys Head(int r) => ((TKeys[])runs[r].Run.Keys!)[runs[r].Start + heads[r]];
        var heap = new PriorityQueue<int, int>(Comparer<int>.Create((a, b) =>
        {
            var c = compare(Head(a), Head(b));
            return c != 0 ? c : a.CompareTo(b);
        }));
        for (var r = 0; r < runs.Count; r++)
        {
            if (runs[r].Count > 0)
            {
                heap.Enqueue(r, r);
            }
        }

        for (var k = 0; heap.TryDequeue(out var best, out _); k++)
        {
            order[k] = offsets[best] + heads[best]++;
            if (heads[best] < runs[best].Count)
            {
                heap.Enqueue(best, best);
            }
        }

        return order;
    }

    public Array Sample(Array keys, int reducers)
    {
        var sorted = (TKeys[])keys;
        var samplePerMap = 20 * reducers;
        var step = Math.Max(1, sorted.Length / samplePerMap);
        var sample = new List<TKeys>();
        for (var i = step / 2; i < sorted.Length; i += step)
        {
            sample.Add(sorted[i]);
        }

        return sample.ToArray();
    }

    /// <summary>Reducer boundaries chosen from the map tasks' samples, sorted together and cut evenly.</summary>
    public Array Bounds(IEnumerable<Array> samples, int reducers, object?[] parameters)
    {
        var sorted = samples.SelectMany(s => (TKeys[])s).ToArray();
        if (sorted.Length == 0)
        {
            return Array.Empty<TKeys>();
        }

        StableSort.Sort(sorted, sorted.Length, _comparison(parameters));
        return Enumerable.Range(1, reducers - 1).Select(r => sorted[(int)((long)sorted.Length * r / reducers)]).ToArray();
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

/// <summary>Several sort keys as one value: the key itself for one, else a <see cref="ValueTuples">ValueTuple</see>.</summary>
internal static class KeyTuple
{
    public static Type TypeOf(IReadOnlyList<Type> types) => types.Count == 1 ? types[0] : ValueTuples.TypeOf(types);

    public static Expression New(IReadOnlyList<Expression> values) => values.Count == 1 ? values[0] : ValueTuples.New(values);

    /// <summary>Key <paramref name="index"/> of a key value built by <see cref="New"/> from <paramref name="count"/> keys.</summary>
    public static Expression Item(Expression tuple, int index, int count) =>
        count == 1 ? tuple : ValueTuples.Item(tuple, index);
}
