using System.Linq.Expressions;
using Linq.Spark.Buffers;
using Linq.Spark.Compilation;
using Linq.Spark.Compilation.Pipelines;
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
        var build = spec.StreamsLeft ? spec.RightType : spec.LeftType;
        _rowBytes = build.IsValueType ? TypeUtil.EstimatedSize(build) : 8 + TypeUtil.EstimatedSize(build);
        _keyBytes = spec.KeyType.IsValueType ? TypeUtil.EstimatedSize(spec.KeyType) : 8;
    }

    private interface ITypedLookups
    {
        object Build(PartitionData rows, object?[] parameters, bool leftSide);

        object New(object?[] parameters, bool leftSide, int capacity);
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

        var source = _runtime.ColumnProducer(_join.Build);
        var batch = ColumnBatches.Whole(source.Columns, _runtime.Batches(_join.Build, context, partition));
        Hold(context, batch.Count);
        var lookup = _lookups.New(context.Parameters, buildsLeft, batch.Count);
        _buildKernel.Value.Run([batch], context, partition, lookup);
        ((IColumnJoinLookup)lookup).Attach(batch, source.Columns);
        return lookup;
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
    }
}
