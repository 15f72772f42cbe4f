using System.Linq.Expressions;
using Linq.Spark.Columnar;
using Linq.Spark.Compilation;
using Linq.Spark.Execution;
using Linq.Spark.Execution.Buffers;
using Linq.Spark.Execution.Shuffle;
using Linq.Spark.Internal;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// The typed map and reduce sides of one <see cref="ShuffleExchangeExec"/>, built once per plan. Hash, round-robin and
/// single-partition shuffles move column batches: the map kernel appends each row's member values to its reducer's
/// columns, and a reducer concatenates its blocks into one batch. A range shuffle moves sorted runs of rows.
/// </summary>
internal sealed class ShuffleRuntime<T> : IShuffleRuntime
{
    private static readonly int RowBytes = TypeUtil.EstimatedSize(typeof(T));
    private readonly ShuffleExchangeExec _exchange;
    private readonly Func<object?[], Comparison<T>>? _comparison;
    private readonly Lazy<bool[]>? _written;

    public ShuffleRuntime(ShuffleExchangeExec exchange)
    {
        _exchange = exchange;
        Reducers = exchange.Partitioning.NumPartitions;
        if (exchange.Partitioning is RangePartitioning range)
        {
            Map = Pipeline.Collecting(exchange.Child);
            _comparison = SortComparison.Compile<T>(range.Keys, exchange.Plan.Slots);
            return;
        }

        Columns = Encoder<T>.Exchange;
        _written = new Lazy<bool[]>(() => exchange.Reader?.Invoke().ColumnsRead() ?? [.. Columns.Columns.Select(_ => true)]);
        Map = new Pipeline(exchange.Child, typeof(ColumnShuffleWriter), (context, row) => Append(context, row, Reducer(context, row)));
    }

    /// <summary>The layout of the exchanged batches, or null for a range shuffle, which moves rows.</summary>
    public IEncoder? Columns { get; }

    public Pipeline Map { get; }

    /// <summary>Which columns map tasks write: those the reading pipeline reads, or all when rows are read.</summary>
    private bool[] Written => _written!.Value;

    private int Reducers { get; }

    public MapStatus RunMap(TaskContext context, int mapId)
    {
        if (_exchange.Partitioning is RangePartitioning)
        {
            var data = Map.Collect(context, mapId);
            var rows = ((T[])data.Rows)[..data.Count];
            StableSort.Sort(rows, rows.Length, _comparison!(context.Parameters));
            return new MapStatus(mapId, rows, [rows.Length], rows.Length * (long)RowBytes);
        }

        var writer = new ColumnShuffleWriter(Columns!, Written, Reducers, mapId);
        Map.Run(context, mapId, writer);
        var counts = writer.Counts.Select(n => (long)n).ToArray();
        var bytesPerRow = Columns!.Columns.Where((_, c) => Written[c]).Sum(c => c.StorageType.IsValueType ? TypeUtil.EstimatedSize(c.StorageType) : 8);
        return new MapStatus(mapId, writer.Batches(), counts, counts.Sum() * bytesPerRow);
    }

    public ColumnBatch ReadBatch(TaskContext context, int reduceId) =>
        ColumnBatch.Concat(Columns!, context.Job.Tracker(_exchange).Statuses.Select(s => ((ColumnBatch[])s.Output)[reduceId]).ToList());

    public PartitionData Read(TaskContext context, int reduceId)
    {
        if (Columns is not null)
        {
            if (Written.Contains(false))
            {
                throw new InvalidOperationException($"Rows were read from {_exchange.Describe()}, which writes only the columns its reading pipeline uses.");
            }

            var rows = Columns.DecodeAll(ReadBatch(context, reduceId));
            return new PartitionData(rows, rows.Length);
        }

        var tracker = context.Job.Tracker(_exchange);
        var result = new RowList<T>(0);
        var comparison = _comparison!(context.Parameters);
        var bounds = tracker.Derive(t => RangeBounds(t, comparison));
        foreach (var status in tracker.Statuses)
        {
            var run = (T[])status.Output;
            var start = reduceId == 0 ? 0 : bounds.Length == 0 ? run.Length : LowerBound(run, bounds[reduceId - 1], comparison);
            var end = reduceId == Reducers - 1 || bounds.Length == 0 ? run.Length : LowerBound(run, bounds[reduceId], comparison);
            result.AddRange(run, start, end - start);
        }

        return PartitionData.From(result);
    }

    /// <summary>The reducer of one row: its key's hash, the next in turn, or the only one.</summary>
    private Expression Reducer(KernelContext context, Expression row)
    {
        switch (_exchange.Partitioning)
        {
            case HashPartitioning hash:
                var keyType = hash.Key.ReturnType;
                var comparerType = typeof(IEqualityComparer<>).MakeGenericType(keyType);
                var defaultComparer = Expression.Convert(Expression.Property(null, typeof(EqualityComparer<>).MakeGenericType(keyType), "Default"), comparerType);
                var comparer = context.Declare(
                    comparerType,
                    "keyComparer",
                    hash.Comparer is null ? defaultComparer : Expression.Coalesce(Expression.Convert(hash.Comparer, comparerType), defaultComparer));
                var hashCode = Expression.Call(
                    typeof(KeyHashing).GetMethod(nameof(KeyHashing.Hash))!.MakeGenericMethod(keyType),
                    comparer,
                    ExpressionUtil.Inline(hash.Key, row));
                return Expression.Call(typeof(KeyHashing), nameof(KeyHashing.PartitionOf), null, hashCode, Expression.Constant(Reducers));
            case RoundRobinPartitioning:
                return Expression.Call(context.Sink, nameof(ColumnShuffleWriter.NextReducer), null);
            default:
                return Expression.Constant(0);
        }
    }

    /// <summary>Appends the row's member values to the reducer's columns; the row itself is read only member by member.</summary>
    private Expression Append(KernelContext context, Expression row, Expression reducer)
    {
        var target = Expression.Variable(typeof(int), "reducer");
        var index = Expression.Variable(typeof(int), "at");
        var statements = new List<Expression>
        {
            Expression.Assign(target, reducer),
            Expression.Assign(index, Expression.Call(context.Sink, nameof(ColumnShuffleWriter.Reserve), null, target)),
        };
        for (var c = 0; c < Columns!.Columns.Count; c++)
        {
            if (!Written[c])
            {
                continue;
            }

            var spec = Columns.Columns[c];
            var values = context.Declare(
                spec.StorageType.MakeArrayType().MakeArrayType(),
                "out_" + spec.Name,
                Expression.Convert(Expression.ArrayIndex(Expression.Property(context.Sink, nameof(ColumnShuffleWriter.Values)), Expression.Constant(c)), spec.StorageType.MakeArrayType().MakeArrayType()));
            var slot = Expression.ArrayAccess(Expression.ArrayIndex(values, target), index);
            var member = Columns.IsWholeRow ? row : Expression.MakeMemberAccess(row, spec.Member);
            if (!spec.IsNullable)
            {
                statements.Add(Expression.Assign(slot, member));
                continue;
            }

            var validity = context.Declare(
                typeof(ulong[][]),
                "outValid_" + spec.Name,
                Expression.ArrayIndex(Expression.Property(context.Sink, nameof(ColumnShuffleWriter.Validity)), Expression.Constant(c)));
            var value = Expression.Variable(spec.MemberType, "value");
            statements.Add(Expression.Block(
                [value],
                Expression.Assign(value, member),
                Expression.IfThen(
                    Expression.Property(value, "HasValue"),
                    Expression.Block(
                        Expression.Assign(slot, Expression.Property(value, "Value")),
                        Expression.Call(typeof(Bitmap), nameof(Bitmap.Set), null, Expression.ArrayIndex(validity, target), index)))));
        }

        return Expression.Block([target, index], statements);
    }

    /// <summary>Reducer boundaries chosen from an even sample of every sorted map run (Spark's RangePartitioner).</summary>
    private T[] RangeBounds(MapOutputTracker tracker, Comparison<T> comparison)
    {
        var samplePerMap = 20 * Reducers;
        var sample = new List<T>();
        foreach (var status in tracker.Statuses)
        {
            var run = (T[])status.Output;
            var step = Math.Max(1, run.Length / samplePerMap);
            for (var i = step / 2; i < run.Length; i += step)
            {
                sample.Add(run[i]);
            }
        }

        var sorted = sample.ToArray();
        StableSort.Sort(sorted, sorted.Length, comparison);
        var bounds = new T[Reducers - 1];
        for (var r = 1; r < Reducers; r++)
        {
            bounds[r - 1] = sorted.Length == 0 ? default! : sorted[(int)((long)sorted.Length * r / Reducers)];
        }

        return sorted.Length == 0 ? [] : bounds;
    }

    private static int LowerBound(T[] run, T bound, Comparison<T> comparison)
    {
        int low = 0, high = run.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (comparison(run[mid], bound) < 0)
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
