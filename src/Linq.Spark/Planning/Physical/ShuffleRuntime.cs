using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Execution;
using Linq.Spark.Execution.Buffers;
using Linq.Spark.Execution.Shuffle;
using Linq.Spark.Internal;

namespace Linq.Spark.Planning.Physical;

/// <summary>The typed map and reduce sides of one <see cref="ShuffleExchangeExec"/>, built once per plan.</summary>
internal sealed class ShuffleRuntime<T> : IShuffleRuntime
{
    private static readonly int RowBytes = TypeUtil.EstimatedSize(typeof(T));
    private readonly ShuffleExchangeExec _exchange;
    private readonly Pipeline _map;
    private readonly Func<object?[], Comparison<T>>? _comparison;

    public ShuffleRuntime(ShuffleExchangeExec exchange)
    {
        _exchange = exchange;
        var reducers = exchange.Partitioning.NumPartitions;
        switch (exchange.Partitioning)
        {
            case HashPartitioning hash:
                {
                    var sinkType = typeof(HashShuffleWriter<T>);
                    _map = new Pipeline(exchange.Child, sinkType, (context, row) =>
                    {
                        var keyType = hash.Key.ReturnType;
                        var comparerType = typeof(IEqualityComparer<>).MakeGenericType(keyType);
                        var comparer = context.Declare(
                            comparerType,
                            "keyComparer",
                            hash.Comparer is null
                                ? Expression.Property(null, typeof(EqualityComparer<>).MakeGenericType(keyType), "Default")
                                : Expression.Coalesce(
                                    Expression.Convert(hash.Comparer, comparerType),
                                    Expression.Convert(Expression.Property(null, typeof(EqualityComparer<>).MakeGenericType(keyType), "Default"), comparerType)));
                        var hashCode = Expression.Call(
                            typeof(KeyHashing).GetMethod(nameof(KeyHashing.Hash))!.MakeGenericMethod(keyType),
                            comparer,
                            ExpressionUtil.Inline(hash.Key, row));
                        return Expression.Call(context.Sink, sinkType.GetMethod("Add")!, row, hashCode);
                    });
                    break;
                }

            case RoundRobinPartitioning:
                _map = new Pipeline(exchange.Child, typeof(RoundRobinShuffleWriter<T>), (context, row) =>
                    Expression.Call(context.Sink, typeof(RoundRobinShuffleWriter<T>).GetMethod("Add")!, row));
                break;
            case RangePartitioning range:
                _map = Pipeline.Collecting(exchange.Child);
                _comparison = SortComparison.Compile<T>(range.Keys, exchange.Plan.Slots);
                break;
            default:
                _map = Pipeline.Collecting(exchange.Child);
                break;
        }

        Reducers = reducers;
    }

    private int Reducers { get; }

    public MapStatus RunMap(TaskContext context, int mapId)
    {
        switch (_exchange.Partitioning)
        {
            case HashPartitioning:
                {
                    var writer = new HashShuffleWriter<T>(Reducers);
                    _map.Run(context, mapId, writer);
                    return Status(mapId, writer.Buckets, writer.Buckets);
                }

            case RoundRobinPartitioning:
                {
                    var writer = new RoundRobinShuffleWriter<T>(Reducers, mapId);
                    _map.Run(context, mapId, writer);
                    return Status(mapId, writer.Buckets, writer.Buckets);
                }

            case RangePartitioning:
                {
                    var data = _map.Collect(context, mapId);
                    var rows = ((T[])data.Rows)[..data.Count];
                    StableSort.Sort(rows, rows.Length, _comparison!(context.Parameters));
                    return Status(mapId, rows, [new RowList<T>(rows, rows.Length)]);
                }

            default:
                {
                    var data = _map.Collect(context, mapId);
                    var list = new RowList<T>((T[])data.Rows, data.Count);
                    return Status(mapId, new[] { list }, [list]);
                }
        }
    }

    public PartitionData Read(TaskContext context, int reduceId)
    {
        var tracker = context.Job.Tracker(_exchange);
        var result = new RowList<T>(0);
        if (_exchange.Partitioning is RangePartitioning)
        {
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

        foreach (var status in tracker.Statuses)
        {
            var bucket = ((RowList<T>[])status.Output)[reduceId];
            result.AddRange(bucket.Items, 0, bucket.Count);
        }

        return PartitionData.From(result);
    }

    private static MapStatus Status(int mapId, object output, RowList<T>[] buckets)
    {
        var rows = buckets.Select(b => (long)b.Count).ToArray();
        return new MapStatus(mapId, output, rows, rows.Sum() * RowBytes);
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
