using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Linq.Spark.Buffers;
using Linq.Spark.Columnar;
using Linq.Spark.Compilation.Pipelines;
using Linq.Spark.Execution.Shuffle;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Execution.Operators;

/// <summary>
/// What runs for one physical plan: each operator's runtime, built from its descriptor on first use and kept with
/// the plan, so every job of the plan's shape reuses the compiled kernels. Per-job state (shuffle outputs, broadcast
/// values) lives in <see cref="JobRun"/>, per-task state in the runtimes' own locals.
/// </summary>
internal sealed class PlanRuntime : IJobRuntime
{
    private static readonly ConditionalWeakTable<PhysicalPlan, PlanRuntime> Runtimes = [];

    private readonly ConcurrentDictionary<int, Lazy<IPartitionProducer>> _producers = new();
    private readonly ConcurrentDictionary<int, Lazy<IAggregateRuntime>> _aggregations = new();
    private readonly ConcurrentDictionary<int, Lazy<JoinRuntime>> _joins = new();
    private readonly Dictionary<int, ExecNode> _nodes = [];
    private readonly Dictionary<int, ExecNode?> _parents = [];

    private PlanRuntime(PhysicalPlan plan)
    {
        Plan = plan;
        Index(plan.Root, null);
    }

    public PhysicalPlan Plan { get; }

    /// <summary>The runtime of <paramref name="plan"/>, created once per plan.</summary>
    public static PlanRuntime Of(PhysicalPlan plan) => Runtimes.GetValue(plan, p => new PlanRuntime(p));

    /// <summary>The plan's operator with id <paramref name="id"/>.</summary>
    public ExecNode Node(int id) => _nodes.TryGetValue(id, out var node) ? node : throw new ArgumentOutOfRangeException(nameof(id), id, "The plan has no operator with this id.");

    /// <summary>The runtime of an operator of this plan.</summary>
    public IPartitionProducer Producer(ExecNode node) =>
        _producers.GetOrAdd(node.Id, _ => new Lazy<IPartitionProducer>(() => node.Accept(new RuntimeFactory(this)))).Value;

    /// <summary>The runtime of an operator whose partitions are column batches.</summary>
    public IColumnProducer ColumnProducer(ExecNode node) => (IColumnProducer)Producer(node);

    /// <summary>The driver-side last step of a root that finishes on the driver.</summary>
    public IDriverFinisher Finisher(ExecNode root) => (IDriverFinisher)Producer(root);

    /// <summary>The map and reduce sides of a shuffle.</summary>
    public ShuffleRuntime Shuffle(ExecNode exchange) => (ShuffleRuntime)Producer(exchange);

    /// <summary>The compiled halves of an aggregation, shared by its partial and final operators.</summary>
    public IAggregateRuntime Aggregation(HashAggregateExec node) =>
        _aggregations.GetOrAdd(node.AggregationId, _ => new Lazy<IAggregateRuntime>(() => AggregateRuntimeFactory.Create(node))).Value;

    public MapStatus RunMapTask(ExecNode exchange, TaskContext context, int mapId) => Shuffle(exchange).RunMap(context, mapId);

    public PartitionData RunResultTask(ExecNode top, TaskContext context, int partition) => Produce(top, context, partition);

    /// <summary>
    /// One partition of an operator's output; in an analyzed job its rows are counted as the operator's (a narrow
    /// operator's rows are counted by the kernel it is fused into).
    /// </summary>
    public PartitionData Produce(ExecNode node, TaskContext context, int partition)
    {
        if (context.OperatorTicks is not { } ticks || node is NarrowExec)
        {
            return Producer(node).Produce(context, partition);
        }

        // Counted: the operator's rows, and its own time (without the timed operators it runs inside it).
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outerNested = context.NestedTicks;
        context.NestedTicks = 0;
        try
        {
            var rows = Producer(node).Produce(context, partition);
            context.OperatorRows![node.Id] += rows.Count;
            context.OperatorsRan![node.Id] = true;
            return rows;
        }
        finally
        {
            var elapsed = System.Diagnostics.Stopwatch.GetTimestamp() - started;
            ticks[node.Id] += elapsed - context.NestedTicks;
            context.NestedTicks = outerNested + elapsed;
        }
    }

    /// <summary>
    /// One partition of an operator's output as rows in chunks, for an operator that buffers and may spill: a
    /// shuffle's partition batch by batch as it is read (its blocks may be files), anything else whole.
    /// </summary>
    public IEnumerable<PartitionData> Chunks(ExecNode node, TaskContext context, int partition)
    {
        if (node is not ShuffleExchangeExec { DefersFailures: false } || Producer(node) is not ShuffleRuntime shuffle)
        {
            yield return Produce(node, context, partition);
            yield break;
        }

        foreach (var batch in Batches(node, context, partition))
        {
            var rows = shuffle.Columns.DecodeAll(batch);
            yield return new PartitionData(rows, rows.Length);
        }
    }

    /// <summary>One partition of a column producer's output as batches; in an analyzed job their rows are counted as the operator's as they are read.</summary>
    public IEnumerable<ColumnBatch> Batches(ExecNode node, TaskContext context, int partition, bool[]? columnsRead = null)
    {
        var producer = ColumnProducer(node);
        var batches = producer is ScanProducer scan ? scan.ProduceBatches(context, partition, columnsRead) : producer.ProduceBatches(context, partition);
        return context.OperatorRows is { } counts ? Counted(batches, counts, context.OperatorsRan!, node.Id) : batches;

        static IEnumerable<ColumnBatch> Counted(IEnumerable<ColumnBatch> batches, long[] counts, bool[] ran, int id)
        {
            ran[id] = true;
            foreach (var batch in batches)
            {
                counts[id] += batch.Count;
                yield return batch;
            }
        }
    }

    public void OnMapStageCompleted(ExecNode exchange, MapOutputTracker tracker, object?[] parameters) => Shuffle(exchange).OnMapStageCompleted(tracker, parameters);

    /// <summary>The lookup that join <paramref name="joinId"/>'s probe reads in the task's current kernel partition.</summary>
    public object JoinLookup(int joinId, TaskContext context) => Join(joinId).Lookup(context);

    private JoinRuntime Join(int joinId) =>
        _joins.GetOrAdd(joinId, id => new Lazy<JoinRuntime>(() => new JoinRuntime((HashJoinExec)_nodes[id], this))).Value;

    /// <summary>
    /// The shuffled join that probes a pipeline's source batches directly and builds over a shuffle's columns: its
    /// build side is read (and, past its memory, split into grace buckets with the streamed side) before the kernel runs.
    /// </summary>
    private static ShuffledHashJoinExec? ShuffledJoinOver(FusedPipeline pipeline)
    {
        foreach (var op in pipeline.Operators)
        {
            if (op is ShuffledHashJoinExec { BuildsFromColumns: true } join && ReferenceEquals(join.Input, pipeline.Source) && join.Build.Boundary != StageBoundary.Broadcast)
            {
                return join;
            }
        }

        return null;
    }

    /// <summary>
    /// Runs a pipeline over one partition of its source into <paramref name="sink"/>, batch by batch when its source
    /// delivers columns; <paramref name="afterBatch"/> runs between batches (a sink that must stay within its memory).
    /// </summary>
    public void Run(FusedPipeline pipeline, TaskContext context, int partition, object sink, Action? afterBatch = null)
    {
        if (pipeline.Columns is not null)
        {
            var batches = Batches(pipeline.Source, context, partition, pipeline.ColumnsRead());
            if (ShuffledJoinOver(pipeline) is { } join)
            {
                batches = Join(join.Id).Stream(context, partition, batches, pipeline.Columns);
            }

            pipeline.Run(afterBatch is null ? batches : Between(batches, afterBatch), context, partition, sink);
            return;
        }

        PartitionData rows;
        try
        {
            rows = Produce(pipeline.Source, context, partition);
        }
        catch (PartialOutputException e)
        {
            // A source that failed part-way (a result task that may not need every row): the kernel reads the rows
            // it produced, and the error is raised only if the kernel reads past them.
            rows = e.RaiseUnlessFrom(pipeline.Source);
        }

        pipeline.Run(rows, context, partition, sink);
    }

    /// <summary>The batches, with <paramref name="afterBatch"/> run after the kernel took each one.</summary>
    private static IEnumerable<ColumnBatch> Between(IEnumerable<ColumnBatch> batches, Action afterBatch)
    {
        foreach (var batch in batches)
        {
            yield return batch;
            afterBatch();
        }
    }

    /// <summary>Runs a collecting pipeline over one partition and returns its rows (and, where the task keeps them, the rows before a failure).</summary>
    public PartitionData Collect(FusedPipeline pipeline, TaskContext context, int partition)
    {
        if (pipeline.IsSourceOnly)
        {
            return Produce(pipeline.Source, context, partition);
        }

        var sink = pipeline.NewCollectingSink();
        try
        {
            Run(pipeline, context, partition, sink);
        }
        catch (Exception e) when (context.KeepsPartialOutput && e is not OperationCanceledException)
        {
            throw new PartialOutputException(pipeline.CollectedRows(sink), e is PartialOutputException inner ? inner.InnerException! : e, pipeline.Top);
        }

        return pipeline.CollectedRows(sink);
    }

    /// <summary>
    /// A child's partition for an operator that reads it lazily (<see cref="ExecNode.ReadsInputLazily"/>): an error
    /// raised while computing it comes back as the rows computed before it and the error after them.
    /// </summary>
    public PartitionData ProduceLazily(ExecNode child, TaskContext context, int partition)
    {
        var outer = context.KeepsPartialOutput;
        context.KeepsPartialOutput = true;
        try
        {
            return Produce(child, context, partition);
        }
        catch (PartialOutputException e)
        {
            return e.RaiseUnlessFrom(child);
        }
        finally
        {
            context.KeepsPartialOutput = outer;
        }
    }

    /// <summary>
    /// Which member columns a scan's tasks decode: those of the pipeline that reads its batches (its consumer's, or
    /// the collecting one of the narrow operators above it), or null (all) when its rows are read whole.
    /// </summary>
    public bool[]? ScanColumns(ScanExec scan) => ScanProducer.Intersect(PipelineColumns(scan), scan.Pushdown?.Columns);

    private bool[]? PipelineColumns(ScanExec scan)
    {
        if (ReaderOf(scan) is { } reader)
        {
            return reader.ColumnsRead();
        }

        ExecNode top = scan;
        while (_parents.GetValueOrDefault(top.Id) is NarrowExec narrow && ReferenceEquals(narrow.Input, top))
        {
            top = narrow;
        }

        return top is NarrowExec && Producer(top) is PipelineProducer { Pipeline: var pipeline } && ReferenceEquals(pipeline.Source, scan)
            ? pipeline.ColumnsRead()
            : null;
    }

    /// <summary>
    /// The pipeline of the stage above that reads this shuffle's batches as columns — the narrow operators over it and
    /// the partial aggregation or the next shuffle's map side they feed — or null when its rows are read otherwise.
    /// Such a shuffle writes only the columns that pipeline reads (Spark prunes columns at the scan; here the
    /// exchange is where whole rows would otherwise be copied).
    /// </summary>
    public FusedPipeline? ReaderOf(ExecNode exchange)
    {
        ExecNode top = exchange;
        var parent = _parents.GetValueOrDefault(top.Id);
        while (parent is NarrowExec narrow && ReferenceEquals(narrow.Input, top))
        {
            top = narrow;
            parent = _parents.GetValueOrDefault(top.Id);
        }

        return parent is null ? null : (Producer(parent) as IPipelineConsumer)?.PipelineOver(top) is { } pipeline && ReferenceEquals(pipeline.Top, top)
            ? pipeline
            : null;
    }

    /// <summary>Why a stage's kernel runs row by row, or null when it is SIMD over columns: its partial aggregation's, else its pipeline's.</summary>
    public string? NotVectorizedReason(IReadOnlyList<ExecNode> stageOperators, ExecNode top)
    {
        foreach (var op in stageOperators)
        {
            if (op.Boundary == StageBoundary.None && Producer(op) is PartialAggregateProducer partial)
            {
                return partial.Pipeline.NotVectorizedReason;
            }
        }

        return FusedPipeline.Collecting(top).NotVectorizedReason;
    }

    /// <summary>Records every operator by id, and its parent (an operator read in two places has none: its output is read as rows).</summary>
    private void Index(ExecNode node, ExecNode? parent)
    {
        if (_nodes.TryAdd(node.Id, node))
        {
            _parents[node.Id] = parent;
        }
        else
        {
            _parents[node.Id] = null;
        }

        foreach (var child in node.Children)
        {
            Index(child, node);
        }
    }
}
