using System.Linq.Expressions;
using Linq.Spark.Buffers;
using Linq.Spark.Columnar;
using Linq.Spark.Compilation;
using Linq.Spark.Compilation.Pipelines;
using Linq.Spark.Execution.Blocks;
using Linq.Spark.Execution.Shuffle;
using Linq.Spark.Execution.Operators;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Operators;

/// <summary>
/// The map and reduce sides of one <see cref="ShuffleExchangeExec"/>, built once per plan. Shuffles move column
/// batches: the map kernel appends each row's member values to its reducer's columns, handing each full batch to the
/// shuffle service as a block, and a reducer streams its blocks from every map, in map order, one batch at a time. A
/// range shuffle keeps one block per map task, sorted by the keys (see <see cref="RangeRuntime{TKeys}"/>), and a
/// reducer merges its key range of each.
/// </summary>
internal abstract class ShuffleRuntime : IColumnProducer, IPipelineConsumer
{
    /// <summary>The runtime of <paramref name="exchange"/>, typed by its row type.</summary>
    public static ShuffleRuntime Create(ShuffleExchangeExec exchange, PlanRuntime runtime) =>
        (ShuffleRuntime)Activator.CreateInstance(typeof(ShuffleRuntime<>).MakeGenericType(exchange.ElementType), exchange, runtime)!;

    public abstract IEncoder Columns { get; }

    /// <summary>The map side's pipeline: the child's narrow operators and the shuffle writer.</summary>
    public abstract FusedPipeline MapPipeline { get; }

    /// <summary>Runs one map task: the child's partition, partitioned into the shuffle's blocks.</summary>
    public abstract MapStatus RunMap(TaskContext context, int mapId);

    /// <summary>On the driver, once every map task is done: what the reducers need of all of them (a range shuffle's bounds).</summary>
    public abstract void OnMapStageCompleted(MapOutputTracker tracker, object?[] parameters);

    public abstract IEnumerable<ColumnBatch> ProduceBatches(TaskContext context, int partition);

    public abstract PartitionData Produce(TaskContext context, int partition);

    public FusedPipeline PipelineOver(ExecNode top) => MapPipeline;
}

/// <summary>The typed map and reduce sides of a shuffle of rows of type T.</summary>
internal sealed class ShuffleRuntime<T> : ShuffleRuntime
{
    private readonly ShuffleExchangeExec _exchange;
    private readonly PlanRuntime _runtime;
    private readonly IRangeRuntime? _range;
    private readonly Lazy<bool[]> _written;

    public ShuffleRuntime(ShuffleExchangeExec exchange, PlanRuntime runtime)
    {
        _exchange = exchange;
        _runtime = runtime;
        Reducers = exchange.Partitioning.NumPartitions;
        Columns = Encoder<T>.Exchange;
        if (exchange.Partitioning is RangePartitioning range)
        {
            _range = (IRangeRuntime)Activator.CreateInstance(
                typeof(RangeRuntime<>).MakeGenericType(KeyTuple.TypeOf([.. range.Keys.Select(k => k.Selector.ReturnType)])),
                range.Keys,
                exchange.Plan)!;
            _written = new Lazy<bool[]>([.. Columns.Columns.Select(_ => true)]);
            MapPipeline = new FusedPipeline(exchange.Child, _range.WriterType, (context, row) =>
                Expression.Block(Append(context, row, Expression.Constant(0)), _range.AddKeys(context, row)));
            return;
        }

        _written = new Lazy<bool[]>(() => runtime.ReaderOf(exchange)?.ColumnsRead() ?? [.. Columns.Columns.Select(_ => true)]);
        MapPipeline = new FusedPipeline(exchange.Child, typeof(ColumnShuffleWriter), (context, row) => Append(context, row, Reducer(context, row)));
    }

    /// <summary>The layout of the exchanged batches.</summary>
    public override IEncoder Columns { get; }

    public override FusedPipeline MapPipeline { get; }

    /// <summary>Which columns map tasks write: those the reading pipeline reads, or all when rows are read.</summary>
    private bool[] Written => _written.Value;

    private int Reducers { get; }

    public override MapStatus RunMap(TaskContext context, int mapId)
    {
        var job = context.Job;
        var shuffles = job.Shuffles;
        var runs = new List<Array>();
        long runBytes = 0;
        var writer = _range?.NewWriter(Columns, mapId, context.Reserve(_exchange), HandOnRun) ?? new ColumnShuffleWriter(
            Columns,
            Written,
            Reducers,
            mapId,
            _exchange.Plan.Options.BatchSize,
            (reducer, batch, rows) => Write(new ShuffleBlockId(job.JobId, _exchange.Id, mapId, reducer, batch), new ShuffleBlock(rows, Columns)),
            context.Reserve(_exchange));
        long Write(ShuffleBlockId id, ShuffleBlock block)
        {
            var (bytes, toDisk) = shuffles.Write(id, block);
            if (toDisk > 0)
            {
                context.Memory.AddSpilled(_exchange.Id, toDisk);
            }
            return bytes;
        }

        // A range shuffle's rows so far, sorted, as the map task's next run; its sample goes with the task's status.
        void HandOnRun(object full)
        {
            var (rows, keys) = _range!.SortRun(full, context.Parameters);
            runBytes += Write(new ShuffleBlockId(job.JobId, _exchange.Id, mapId, 0, runs.Count), new ShuffleBlock(rows, Columns, keys, _range.KeyLayout));
            runs.Add(_range.Sample(keys, Reducers));
            _range.StartRun(full);
        }

        Exception? failure = null;
        try
        {
            _runtime.Run(MapPipeline, context, mapId, writer);
        }
        catch (Exception e) when (_exchange.DefersFailures && e is not OperationCanceledException)
        {
            failure = e;
        }

        var output = (ColumnShuffleWriter)writer;
        if (_range is not null)
        {
            if (output.Counts[0] > 0 || runs.Count == 0)
            {
                HandOnRun(writer);
            }

            return new MapStatus(job.JobId, _exchange.Id, mapId, shuffles.ExecutorId, output.Rows, [runBytes], [runs.Count], _range.Concat(runs), failure);
        }

        output.Finish();
        return new MapStatus(job.JobId, _exchange.Id, mapId, shuffles.ExecutorId, output.Rows, output.Bytes, output.BlocksWritten, null, failure);
    }

    public override void OnMapStageCompleted(MapOutputTracker tracker, object?[] parameters)
    {
        if (_range is not null)
        {
            tracker.RangeBounds = _range.Bounds(tracker.Statuses.Select(s => s.KeySample!), Reducers, parameters);
        }
    }

    public override IEnumerable<ColumnBatch> ProduceBatches(TaskContext context, int partition)
    {
        var tracker = context.Job.Tracker(_exchange.Id);
        var shuffles = context.Job.Shuffles;
        if (_range is null)
        {
            return tracker.UpToFirstFailure().SelectMany(s => shuffles.Read(s, partition, Columns, null)).Select(b => b.Rows);
        }

        var runs = tracker.Statuses.SelectMany(s => shuffles.Read(s, 0, Columns, _range.KeyLayout)).ToList();
        return [_range.Read(Columns, runs, tracker.RangeBounds!, partition, Reducers, context.Parameters)];
    }

    public override PartitionData Produce(TaskContext context, int partition)
    {
        if (Written.Contains(false))
        {
            throw new InvalidOperationException($"Rows were read from {_exchange.Describe()}, which writes only the columns its reading pipeline uses.");
        }

        var rows = ColumnBatches.DecodeRows(Columns, ProduceBatches(context, partition));
        var failure = context.Job.Tracker(_exchange.Id).UpToFirstFailure().Select(s => s.Failure).LastOrDefault();
        return rows with { Failure = failure };
    }

    /// <summary>The reducer of one row: its key's hash, the next in turn, or the only one.</summary>
    private Expression Reducer(KernelContext context, Expression row)
    {
        switch (_exchange.Partitioning)
        {
            case HashPartitioning hash:
                // The stable hash: map tasks in different processes send a key to the same reducer.
                var key = ExpressionUtil.Inline(hash.Key, row);
                var comparerType = typeof(IEqualityComparer<>).MakeGenericType(key.Type);
                var hashCode = hash.Comparer is null
                    ? StableHash.Inline(key)
                    : Expression.Call(
                        typeof(StableHash).GetMethods().Single(m => m.Name == nameof(StableHash.Of) && m.IsGenericMethodDefinition && m.GetParameters().Length == 2).MakeGenericMethod(key.Type),
                        context.Declare(comparerType, "keyComparer", Expression.Convert(hash.Comparer, comparerType)),
                        key);
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
        for (var c = 0; c < Columns.Columns.Count; c++)
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
            statements.Add(Bitmap.StoreNullable(member, slot, Expression.ArrayIndex(validity, target), index));
        }

        return Expression.Block([target, index], statements);
    }
}
