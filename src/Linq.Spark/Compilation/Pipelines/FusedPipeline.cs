using System.Linq.Expressions;
using Linq.Spark.Buffers;
using Linq.Spark.Columnar;
using Linq.Spark.Compilation.Vectorization;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Compilation.Pipelines;

/// <summary>
/// A fused chain: the first non-narrow operator below <see cref="Top"/> is the source of a partition, and one
/// compiled kernel runs every narrow operator above it and writes to a sink — SIMD over columns where the chain
/// allows, row code otherwise. Compiled once, on first use; running it is the executor's business.
/// </summary>
internal sealed class FusedPipeline
{
    private readonly Type _sinkType;
    private readonly KernelCompiler.Terminal _terminal;
    private readonly Lazy<Kernel> _kernel;
    private readonly Lazy<Kernel> _metricsKernel;
    private readonly Lazy<IVectorKernel?> _vector;
    private readonly Lazy<bool[]?> _columnsRead;

    /// <param name="top">The highest operator of the chain.</param>
    /// <param name="sinkType">The concrete sink class the kernel writes to.</param>
    /// <param name="terminal">The sink's per-row statement.</param>
    /// <param name="vectorize">Builds the SIMD form of this pipeline over column batches, when the consumer has one (with metrics or not).</param>
    public FusedPipeline(
        ExecNode top,
        Type sinkType,
        KernelCompiler.Terminal terminal,
        Func<IReadOnlyList<NarrowExec>, IEncoder, bool, VectorAggregateKernel>? vectorize = null)
    {
        Top = top;
        _sinkType = sinkType;
        _terminal = terminal;
        var operators = new List<NarrowExec>();
        var node = top;
        while (node is NarrowExec narrow)
        {
            operators.Add(narrow);
            node = narrow.Input;
        }

        operators.Reverse();
        Operators = operators;
        Source = node;
        Columns = node.OutputColumns == ColumnLayout.None ? null : Encoders.For(node.ElementType, node.OutputColumns == ColumnLayout.Stored);
        _vector = new Lazy<IVectorKernel?>(() => ChooseVectorKernel(vectorize, metrics: false));
        _columnsRead = new Lazy<bool[]?>(() => Columns is null ? null : KernelCompiler.ColumnsRead(Operators, Columns, _sinkType, _terminal));
        _kernel = new Lazy<Kernel>(() => _vector.Value is { Reason: null } vector
            ? vector.Compile()
            : KernelCompiler.Compile(Operators, Source.ElementType, Columns, _sinkType, _terminal, top.Plan.Slots));

        // The same kernel, counting each operator's output rows: compiled only for analyzed jobs, so others pay nothing.
        _metricsKernel = new Lazy<Kernel>(() => _vector.Value is { Reason: null }
            ? ChooseVectorKernel(vectorize, metrics: true)!.Compile()
            : KernelCompiler.Compile(Operators, Source.ElementType, Columns, _sinkType, _terminal, top.Plan.Slots, metrics: true));
    }

    public ExecNode Top { get; }

    /// <summary>The operator that delivers the partition the kernel loops over.</summary>
    public ExecNode Source { get; }

    /// <summary>The column layout the kernel reads, or null when the source delivers rows.</summary>
    public IEncoder? Columns { get; }

    /// <summary>The fused narrow operators, nearest the source first.</summary>
    public IReadOnlyList<NarrowExec> Operators { get; }

    /// <summary>The sink type of a collecting pipeline over rows of <paramref name="rowType"/>.</summary>
    public static Type CollectingSink(Type rowType) => typeof(RowList<>).MakeGenericType(rowType);

    /// <summary>Why this pipeline runs row by row, or null when its kernel is SIMD over columns.</summary>
    public string? NotVectorizedReason =>
        !Top.Plan.Options.Vectorize ? "vectorization is off (SparkOptions.Vectorize = false)"
        : Columns is null ? $"its input is {Source.GetType().Name.Replace("Exec", "")} rows, not column batches"
        : _vector.Value!.Reason;

    /// <summary>A pipeline that collects its output rows into a <see cref="RowList{T}"/>.</summary>
    public static FusedPipeline Collecting(ExecNode top)
    {
        var sinkType = CollectingSink(top.ElementType);
        return new FusedPipeline(top, sinkType, (context, row) => Expression.Call(context.Sink, sinkType.GetMethod("Add")!, row));
    }

    /// <summary>Whether the pipeline is only its source: collecting it is reading the source's rows.</summary>
    public bool IsSourceOnly => Operators.Count == 0 && Columns is null;

    /// <summary>Which columns of the source's batches this pipeline reads, or null when its source delivers rows.</summary>
    public bool[]? ColumnsRead() => _columnsRead.Value;

    /// <summary>A new empty sink of a collecting pipeline.</summary>
    public object NewCollectingSink() => Activator.CreateInstance(_sinkType, 16)!;

    /// <summary>The rows a collecting pipeline's sink holds.</summary>
    public PartitionData CollectedRows(object sink)
    {
        var items = (Array)_sinkType.GetProperty("Items")!.GetValue(sink)!;
        return new PartitionData(items, (int)_sinkType.GetProperty("Count")!.GetValue(sink)!);
    }

    /// <summary>Runs the pipeline over a partition's column batches into the sink, one batch at a time, until they end or the kernel needs no more.</summary>
    public void Run(IEnumerable<ColumnBatch> batches, TaskControl control, int partition, object sink)
    {
        var outer = PartitionScope.Enter(control, partition);
        var kernel = KernelFor(control);
        try
        {
            foreach (var batch in batches)
            {
                kernel(batch, batch.Count, sink, control.Parameters, control);
                if (control.InputDone)
                {
                    break;
                }

                control.BatchStart += batch.Count;
            }
        }
        finally
        {
            outer.Restore(control);
        }
    }

    /// <summary>
    /// Runs the pipeline over a partition's rows into the sink; an error the rows carry after them
    /// (<see cref="PartitionData.Failure"/>) is raised unless the kernel stopped before the end (a limit was reached).
    /// </summary>
    public void Run(PartitionData rows, TaskControl control, int partition, object sink)
    {
        var outer = PartitionScope.Enter(control, partition);
        try
        {
            KernelFor(control)(rows.Rows, rows.Count, sink, control.Parameters, control);
            if (rows.Failure is { } failure && !control.InputDone)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }
        }
        finally
        {
            outer.Restore(control);
        }
    }

    /// <summary>The kernel for a task: when its job counts, the counting one, and the fused operators are marked as run (even over no batch at all).</summary>
    private Kernel KernelFor(TaskControl control)
    {
        if (control.OperatorsRan is not { } ran)
        {
            return _kernel.Value;
        }

        foreach (var op in Operators)
        {
            ran[op.Id] = true;
        }

        return _metricsKernel.Value;
    }

    /// <summary>The whole pipeline as SIMD when its consumer allows it, else a batched join probe, else SIMD filters feeding row code, else none.</summary>
    private IVectorKernel? ChooseVectorKernel(Func<IReadOnlyList<NarrowExec>, IEncoder, bool, VectorAggregateKernel>? vectorize, bool metrics)
    {
        if (Columns is not { } columns || !Top.Plan.Options.Vectorize)
        {
            return null;
        }

        var whole = vectorize?.Invoke(Operators, columns, metrics);
        if (whole is { Reason: null })
        {
            return whole;
        }

        var probe = new BatchedProbeKernel(Operators, columns, _sinkType, _terminal, Top.Plan.Slots, metrics);
        if (probe.Reason is null)
        {
            return probe;
        }

        var filters = new VectorFilterKernel(Operators, columns, _sinkType, _terminal, Top.Plan.Slots, metrics);
        return filters.Reason is null || whole is null ? filters : whole;
    }
}

/// <summary>
/// What a task's control says about the partition a kernel reads — which one, where the batch starts, what is carried
/// between batches — saved around a pipeline run, because a kernel may run another (a join's build side) inside it.
/// </summary>
internal readonly record struct PartitionScope(int Partition, int BatchStart, int[]? Carried, bool InputDone)
{
    /// <summary>Points the control at the start of <paramref name="partition"/>; returns what it said before.</summary>
    public static PartitionScope Enter(TaskControl control, int partition)
    {
        var outer = new PartitionScope(control.KernelPartition, control.BatchStart, control.Carried, control.InputDone);
        control.KernelPartition = partition;
        control.BatchStart = 0;
        control.Carried = null;
        control.InputDone = false;
        return outer;
    }

    /// <summary>Puts back what the control said before <see cref="Enter"/>.</summary>
    public void Restore(TaskControl control)
    {
        control.KernelPartition = Partition;
        control.BatchStart = BatchStart;
        control.Carried = Carried;
        control.InputDone = InputDone;
    }
}
