using System.Linq.Expressions;
using Linq.Spark.Buffers;
using Linq.Spark.Compilation;
using Linq.Spark.Columnar;
using Linq.Spark.Compilation.Pipelines;
using Linq.Spark.Execution.Blocks;
using Linq.Spark.Execution.Memory;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Operators;

/// <summary>
/// The build side of a hash join: the lookup its probe reads. A broadcast join builds one lookup per job over the
/// broadcast rows; a shuffled join builds one per task over its partition of the build side, by a kernel over the
/// side's columns when it is a shuffle's batches.
/// </summary>
internal sealed class JoinRuntime
{
    private readonly HashJoinExec _join;
    private readonly PlanRuntime _runtime;
    private readonly ITypedLookups _lookups;
    private readonly Lazy<FusedPipeline> _buildKernel;
    private readonly Lazy<FusedPipeline> _buildHashes;
    private readonly Lazy<FusedPipeline> _streamHashes;
    private readonly long _rowBytes;
    private readonly long _keyBytes;

    public JoinRuntime(HashJoinExec join, PlanRuntime runtime)
    {
        _join = join;
        _runtime = runtime;
        var spec = join.Join;
        _lookups = (ITypedLookups)Activator.CreateInstance(
            typeof(TypedLookups<,,>).MakeGenericType(spec.LeftType, spec.RightType, spec.KeyType), join.Plan, spec)!;
        _buildKernel = new Lazy<FusedPipeline>(BuildKernel);
        _buildHashes = new Lazy<FusedPipeline>(() => HashKernel(join.Build, spec.StreamsLeft ? spec.RightKey : spec.LeftKey));
        _streamHashes = new Lazy<FusedPipeline>(() => HashKernel(join.Input, spec.StreamsLeft ? spec.LeftKey : spec.RightKey));
        var build = spec.StreamsLeft ? spec.RightType : spec.LeftType;
        _rowBytes = MemorySize.Of(build);
        _keyBytes = spec.KeyType.IsValueType ? TypeUtil.EstimatedSize(spec.KeyType) : 8;
    }

    private interface ITypedLookups
    {
        object Build(PartitionData rows, object?[] parameters, bool leftSide);

        object New(object?[] parameters, bool leftSide, int capacity);

        /// <summary>A sink that records each row's key hash, for <paramref name="rows"/> rows.</summary>
        IKeyHashes NewHashes(object?[] parameters, int rows);
    }

    /// <summary>The key hash of each row of a batch, by row index.</summary>
    private interface IKeyHashes
    {
        int[] Hashes { get; }
    }

    /// <summary>The lookup the task's current kernel partition probes.</summary>
    public object Lookup(TaskContext context)
    {
        var buildsLeft = !_join.Join.StreamsLeft;
        if (_join.Build.Boundary == StageBoundary.Broadcast)
        {
            return context.Job.BroadcastValue(_join.Id, _join.Build.Id, rows => _lookups.Build(rows, context.Parameters, buildsLeft));
        }

        var partition = context.KernelPartition;
        if (!_join.BuildsFromColumns)
        {
            var rows = _runtime.Produce(_join.Build, context, partition);
            Hold(context, rows.Count);
            return _lookups.Build(rows, context.Parameters, buildsLeft);
        }

        var batches = _runtime.Batches(_join.Build, context, partition).ToList();
        Hold(context, batches.Sum(b => b.Count));
        return LookupOver(context, partition, batches, _runtime.ColumnProducer(_join.Build).Columns);
    }

    /// <summary>
    /// Counts a task's build side in its execution memory: the rows and a slot per row of the lookup. It does not
    /// spill yet (a grace hash join is still to come), so the memory is held whatever the limit.
    /// </summary>
    private void Hold(TaskContext context, int rows)
    {
        var reservation = context.JoinReservation(_join);
        reservation.Free();
        reservation.Hold(rows * (_rowBytes + _keyBytes + 12));
    }

    /// <summary>
    /// The streamed batches of a task's partition for a shuffled join read straight from its source. The build side is
    /// read first, within the join's reservation: when it fits, its lookup is built now for the kernel. When it does
    /// not, both sides go to grace-hash buckets on disk (every row of a key in the same bucket of each), and the
    /// streamed side is read again bucket by bucket, each bucket against a lookup of the same build bucket — a grace
    /// hash join. The streamed rows then come in bucket order, not the partition's, which a shuffle's output never promised.
    /// </summary>
    public IEnumerable<ColumnBatch> Stream(TaskContext context, int partition, IEnumerable<ColumnBatch> stream, IEncoder streamLayout)
    {
        var layout = _runtime.ColumnProducer(_join.Build).Columns;
        var reservation = context.JoinReservation(_join);
        reservation.Free();
        var held = new List<ColumnBatch>();
        long rows = 0;
        BatchSpillFile[]? builds = null;
        foreach (var batch in _runtime.Batches(_join.Build, context, partition))
        {
            if (builds is not null)
            {
                Split(context, partition, batch, builds, _buildHashes.Value);
                continue;
            }

            held.Add(batch);
            rows += batch.Count;
            if (!reservation.TryGrowTo(rows * (_rowBytes + _keyBytes + 12)))
            {
                builds = Buckets(context, layout, reservation);
                foreach (var kept in held)
                {
                    Split(context, partition, kept, builds, _buildHashes.Value);
                }

                held.Clear();
                reservation.Free();
            }
        }

        if (builds is null)
        {
            context.SetJoinLookup(_join.Id, partition, LookupOver(context, partition, held, layout));
            return stream;
        }

        var streams = Buckets(context, streamLayout, reservation);
        foreach (var batch in stream)
        {
            Split(context, partition, batch, streams, _streamHashes.Value);
        }

        return Passes(context, partition, builds, streams, layout, reservation);
    }

    /// <summary>Each streamed bucket's batches, after the lookup of its build bucket was set for the kernel.</summary>
    private IEnumerable<ColumnBatch> Passes(TaskContext context, int partition, BatchSpillFile[] builds, BatchSpillFile[] streams, IEncoder layout, MemoryReservation reservation)
    {
        try
        {
            for (var b = 0; b < GraceHash.Fanout; b++)
            {
                if (streams[b].Rows == 0)
                {
                    continue;
                }

                var bucket = builds[b].Read().ToList();
                reservation.GrowTo(bucket.Sum(batch => (long)batch.Count) * (_rowBytes + _keyBytes + 12));
                context.SetJoinLookup(_join.Id, partition, LookupOver(context, partition, bucket, layout));
                foreach (var batch in streams[b].Read())
                {
                    yield return batch;
                }

                reservation.Free();
            }
        }
        finally
        {
            foreach (var file in builds.Concat(streams))
            {
                file.Dispose();
            }
        }
    }

    /// <summary>A lookup over build batches, by the build kernel.</summary>
    private object LookupOver(TaskContext context, int partition, List<ColumnBatch> batches, IEncoder layout)
    {
        var batch = ColumnBatches.Whole(layout, batches);
        var lookup = _lookups.New(context.Parameters, !_join.Join.StreamsLeft, batch.Count);
        _buildKernel.Value.Run([batch], context, partition, lookup);
        ((IColumnJoinLookup)lookup).Attach(batch, layout);
        return lookup;
    }

    private BatchSpillFile[] Buckets(TaskContext context, IEncoder layout, MemoryReservation reservation) =>
        [.. Enumerable.Range(0, GraceHash.Fanout).Select(_ => context.Job.Spills.CreateBatches(layout, reservation))];

    /// <summary>Writes each row of a batch to the bucket of its key's hash.</summary>
    private void Split(TaskContext context, int partition, ColumnBatch batch, BatchSpillFile[] buckets, FusedPipeline hashes)
    {
        var sink = _lookups.NewHashes(context.Parameters, batch.Count);
        hashes.Run([batch], context, partition, sink);
        var rows = new List<int>[GraceHash.Fanout];
        var seed = GraceHash.Seed(0);
        for (var i = 0; i < batch.Count; i++)
        {
            (rows[GraceHash.BucketOf(sink.Hashes[i], seed)] ??= []).Add(i);
        }

        for (var b = 0; b < rows.Length; b++)
        {
            if (rows[b] is { } picked)
            {
                buckets[b].Write(picked.Count == batch.Count ? batch : batch.Gather([.. picked]));
            }
        }
    }

    /// <summary>A kernel that records the key hash of each row of <paramref name="side"/>'s batches.</summary>
    private FusedPipeline HashKernel(ExecNode side, LambdaExpression key) =>
        new(side, typeof(KeyHashes<>).MakeGenericType(_join.Join.KeyType), (kernel, row) =>
            Expression.Call(kernel.Sink, nameof(KeyHashes<int>.Add), null, ExpressionUtil.Inline(key, row), kernel.InputIndex));

    /// <summary>The kernel that adds each build row's key and index to the lookup, reading the key from the columns.</summary>
    private FusedPipeline BuildKernel()
    {
        var key = _join.Join.StreamsLeft ? _join.Join.RightKey : _join.Join.LeftKey;
        var lookupType = typeof(JoinLookup<,>).MakeGenericType(key.ReturnType, _join.Build.ElementType);
        return new FusedPipeline(_join.Build, lookupType, (kernel, row) =>
            Expression.Call(kernel.Sink, nameof(JoinLookup<int, int>.Add), null, ExpressionUtil.Inline(key, row), kernel.InputIndex));
    }

    /// <summary>The lookups of one join's key and row types, with its key selectors and comparer compiled once.</summary>
    private sealed class TypedLookups<TLeft, TRight, TKey> : ITypedLookups
    {
        private readonly Func<object?[], Func<TLeft, TKey>> _leftKey;
        private readonly Func<object?[], Func<TRight, TKey>> _rightKey;
        private readonly Func<object?[], IEqualityComparer<TKey>?> _comparer;
        private readonly bool _keysOnly;

        public TypedLookups(PlanContext plan, JoinSpec join)
        {
            _leftKey = SlotBinder.Compile<Func<TLeft, TKey>>(join.LeftKey, plan.Slots);
            _rightKey = SlotBinder.Compile<Func<TRight, TKey>>(join.RightKey, plan.Slots);
            _comparer = SlotBinder.CompileComparer<TKey>(join.Comparer, plan.Slots);
            _keysOnly = join.Kind.IsExistence();
        }

        public object Build(PartitionData rows, object?[] parameters, bool leftSide) =>
            leftSide
                ? new JoinLookup<TKey, TLeft>(_comparer(parameters), (TLeft[])rows.Rows, rows.Count, _leftKey(parameters))
                : new JoinLookup<TKey, TRight>(_comparer(parameters), (TRight[])rows.Rows, rows.Count, _rightKey(parameters), _keysOnly);

        public object New(object?[] parameters, bool leftSide, int capacity) =>
            leftSide
                ? new JoinLookup<TKey, TLeft>(_comparer(parameters), capacity)
                : new JoinLookup<TKey, TRight>(_comparer(parameters), capacity, _keysOnly);

        public IKeyHashes NewHashes(object?[] parameters, int rows) => new KeyHashes<TKey>(_comparer(parameters), rows);
    }

    /// <summary>The sink of the kernels that split a join's sides into buckets: each row's key hash, by its index in the batch.</summary>
    private sealed class KeyHashes<TKey>(IEqualityComparer<TKey>? comparer, int rows) : IKeyHashes
    {
        private readonly IEqualityComparer<TKey> _comparer = comparer ?? EqualityComparer<TKey>.Default;

        public int[] Hashes { get; } = new int[rows];

        public void Add(TKey key, int row) => Hashes[row] = KeyHashing.Hash(_comparer, key);
    }
}
