using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Compilation.Pipelines;
using Linq.Spark.Compilation.Vectorization;
using Linq.Spark.Planning.Physical;
using Linq.Spark.Buffers;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Execution.Blocks;
using Linq.Spark.Execution.Memory;

namespace Linq.Spark.Execution.Operators;

/// <summary>The typed runtime of an aggregation: generated update, merge and result code over states of type TState.</summary>
internal sealed class AggregateRuntime<TRow, TKey, TState, TResult> : IAggregateRuntime
    where TState : struct
{
    private readonly PlanContext _plan;
    private readonly AggregateSpec _node;
    private readonly AggregateCodegen _codegen;
    private readonly Func<object?[], IEqualityComparer<TKey>?> _comparer;
    private readonly Func<object?[], Action<AggregateEntry<TKey, TState>[], int, AggregationMap<TKey, TState>>> _mergeEntries;
    private readonly Func<object?[], Action<StateBox<TState>, TState>> _mergeState;
    private readonly Func<object?[], Func<TKey, TState, TResult>> _result;

    public AggregateRuntime(PlanContext plan, AggregateSpec node, AggregateCodegen codegen)
    {
        _plan = plan;
        _node = node;
        _codegen = codegen;
        _comparer = SlotBinder.CompileComparer<TKey>(node.Comparer, plan.Slots);
        _mergeEntries = SlotBinder.Compile<Action<AggregateEntry<TKey, TState>[], int, AggregationMap<TKey, TState>>>(BuildMergeEntries(), plan.Slots);
        var box = Expression.Parameter(typeof(StateBox<TState>), "box");
        var state = Expression.Parameter(typeof(TState), "state");
        _mergeState = SlotBinder.Compile<Action<StateBox<TState>, TState>>(
            Expression.Lambda(_codegen.Merge(Expression.Field(box, nameof(StateBox<TState>.Value)), state), box, state), plan.Slots);
        _result = SlotBinder.Compile<Func<TKey, TState, TResult>>(BuildResult(), plan.Slots);
    }

    public PartitionData Partial(FusedPipeline pipeline, PlanRuntime runtime, TaskContext context, int partition, ExecNode node)
    {
        if (_node.KeySelector is null)
        {
            var box = new StateBox<TState>(default);
            RunOperator(() => runtime.Run(pipeline, context, partition, box));
            return PartitionData.From(new[] { box.Value });
        }

        // Past its reservation the map emits its states early, to a spill file, and starts afresh (DataFusion's
        // partial aggregation does the same): the final aggregation merges a key's states wherever they come from.
        var map = new AggregationMap<TKey, TState>(_comparer(context.Parameters));
        var reservation = context.Reserve(node);
        SpillFile<AggregateEntry<TKey, TState>>? emitted = null;
        try
        {
            RunOperator(() => runtime.Run(pipeline, context, partition, map, () =>
            {
                if (!reservation.TryGrowTo(map.ArrayBytes))
                {
                    emitted ??= context.Job.Spills.Create<AggregateEntry<TKey, TState>>(reservation, _plan.Options.BatchSize);
                    var entries = Entries(map);
                    emitted.Write(entries, 0, entries.Length);
                    map.Reset();
                    reservation.Free();
                }
            }));

            // A kernel over rows (not batches) fills the map in one go: what it took is counted, whatever the limit.
            if (!reservation.TryGrowTo(map.ArrayBytes))
            {
                reservation.Hold(map.ArrayBytes);
            }

            var last = Entries(map);
            if (emitted is null)
            {
                return PartitionData.From(last);
            }

            var all = new RowList<AggregateEntry<TKey, TState>>((int)Math.Min(int.MaxValue, emitted.Rows + last.Length));
            foreach (var chunk in emitted.Read())
            {
                all.AddRange(chunk, 0, chunk.Length);
            }

            all.AddRange(last, 0, last.Length);
            return PartitionData.From(all);
        }
        finally
        {
            map.Release();
            reservation.Free();
            emitted?.Dispose();
        }
    }

    public PartitionData Final(IEnumerable<PartitionData> chunks, TaskContext context, ExecNode node)
    {
        var parameters = context.Parameters;
        var comparer = _comparer(parameters);
        var hashComparer = comparer ?? EqualityComparer<TKey>.Default;
        var merge = _mergeEntries(parameters);
        var result = _result(parameters);
        var reservation = context.Reserve(node);
        var output = new RowList<TResult>();
        MergeAll(chunks.Select(c => ((AggregateEntry<TKey, TState>[])c.Rows, c.Count)), 0);
        return PartitionData.From(output);

        // Merges entries into one map, spilling it to hash buckets whenever it outgrows its reservation; then merges
        // each bucket the same way, one after another.
        void MergeAll(IEnumerable<(AggregateEntry<TKey, TState>[] Rows, int Count)> input, int depth)
        {
            var map = new AggregationMap<TKey, TState>(comparer);
            SpillBuckets<AggregateEntry<TKey, TState>>? buckets = null;
            try
            {
                foreach (var (rows, count) in input)
                {
                    RunOperator(() => merge(rows, count, map));
                    if (reservation.TryGrowTo(map.ArrayBytes, depth))
                    {
                        continue;
                    }

                    if (depth == SpillBuckets<AggregateEntry<TKey, TState>>.MaxDepth)
                    {
                        reservation.GrowTo(map.ArrayBytes);
                    }

                    buckets ??= new SpillBuckets<AggregateEntry<TKey, TState>>(context.Job.Spills, reservation, e => KeyHashing.Hash(hashComparer, e.Key), depth, _plan.Options.BatchSize);
                    buckets.Write(Entries(map));
                    map.Release();
                    map = new AggregationMap<TKey, TState>(comparer);
                    reservation.Free();
                }

                if (buckets is null)
                {
                    RunOperator(() =>
                    {
                        for (var i = 0; i < map.Count; i++)
                        {
                            output.Add(result(map.Keys[i], map.States[i]));
                        }
                    });
                    return;
                }

                buckets.Write(Entries(map));
                map.Release();
                reservation.Free();
                foreach (var bucket in buckets.Buckets())
                {
                    MergeAll(bucket.Select(rows => (rows, rows.Length)), depth + 1);
                }
            }
            finally
            {
                map.Release();
                reservation.Free();
                buckets?.Dispose();
            }
        }
    }

    private static AggregateEntry<TKey, TState>[] Entries(AggregationMap<TKey, TState> map)
    {
        var entries = new AggregateEntry<TKey, TState>[map.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new AggregateEntry<TKey, TState>(map.Keys[i], map.States[i]);
        }

        return entries;
    }

    public PartitionData MergeGlobal(IReadOnlyList<PartitionData> partials, object?[] parameters)
    {
        var box = new StateBox<TState>(default);
        var merge = _mergeState(parameters);
        foreach (var partial in partials)
        {
            var states = (TState[])partial.Rows;
            for (var i = 0; i < partial.Count; i++)
            {
                merge(box, states[i]);
            }
        }

        return PartitionData.From(new[] { _result(parameters)(default!, box.Value) });
    }

    /// <summary>An overflowing Sum or Count is the aggregate's own error (LINQ's OverflowException), not a lambda's.</summary>
    private static void RunOperator(Action run)
    {
        try
        {
            run();
        }
        catch (OverflowException e)
        {
            throw new OperatorException(e);
        }
    }

    /// <summary>The map-side pipeline: the child's rows folded into one state (global) or a state per key.</summary>
    public FusedPipeline PartialPipeline(ExecNode child)
    {
        KernelCompiler.Terminal terminal;
        Type sinkType;
        if (_node.KeySelector is null)
        {
            sinkType = typeof(StateBox<TState>);
            terminal = (kernel, row) => _codegen.Update(Expression.Field(kernel.Sink, nameof(StateBox<TState>.Value)), row);
        }
        else
        {
            sinkType = typeof(AggregationMap<TKey, TState>);
            terminal = (kernel, row) =>
            {
                var slot = Expression.Variable(typeof(int), "slot");
                var states = Expression.Property(kernel.Sink, nameof(AggregationMap<TKey, TState>.States));
                return Expression.Block(
                    [slot],
                    Expression.Assign(slot, Expression.Call(kernel.Sink, nameof(AggregationMap<TKey, TState>.FindOrAdd), null, ExpressionUtil.Inline(_node.KeySelector, row))),
                    Expression.IfThen(Expression.LessThan(slot, Expression.Constant(0)), Expression.Assign(slot, Expression.OnesComplement(slot))),
                    _codegen.Update(Expression.ArrayAccess(states, slot), row));
            };
        }

        return new FusedPipeline(child, sinkType, terminal, (operators, columns, metrics) =>
            new VectorAggregateKernel(operators, columns, _codegen, _node.KeySelector, sinkType, terminal, _plan.Slots, metrics));
    }

    private LambdaExpression BuildMergeEntries()
    {
        var entries = Expression.Parameter(typeof(AggregateEntry<TKey, TState>[]), "entries");
        var count = Expression.Parameter(typeof(int), "count");
        var map = Expression.Parameter(typeof(AggregationMap<TKey, TState>), "map");
        var i = Expression.Variable(typeof(int), "i");
        var slot = Expression.Variable(typeof(int), "slot");
        var entry = Expression.ArrayAccess(entries, i);
        var states = Expression.Property(map, nameof(AggregationMap<TKey, TState>.States));
        var state = Expression.Property(entry, nameof(AggregateEntry<TKey, TState>.State));
        var end = Expression.Label("end");
        var body = Expression.Block(
            [i, slot],
            Expression.Assign(i, Expression.Constant(0)),
            Expression.Loop(
                Expression.IfThenElse(
                    Expression.LessThan(i, count),
                    Expression.Block(
                        Expression.Assign(slot, Expression.Call(map, nameof(AggregationMap<TKey, TState>.FindOrAdd), null, Expression.Property(entry, nameof(AggregateEntry<TKey, TState>.Key)))),
                        Expression.IfThenElse(
                            Expression.LessThan(slot, Expression.Constant(0)),
                            Expression.Assign(Expression.ArrayAccess(states, Expression.OnesComplement(slot)), state),
                            _codegen.Merge(Expression.ArrayAccess(states, slot), state)),
                        Expression.PreIncrementAssign(i)),
                    Expression.Break(end)),
                end));
        return Expression.Lambda(body, entries, count, map);
    }

    private LambdaExpression BuildResult()
    {
        var key = Expression.Parameter(typeof(TKey), "key");
        var state = Expression.Parameter(typeof(TState), "state");
        var values = _codegen.Evaluate(state);
        var arguments = _node.KeySelector is null ? values : [key, .. values];
        return Expression.Lambda(ExpressionUtil.Inline(_node.ResultSelector, arguments), key, state);
    }
}
