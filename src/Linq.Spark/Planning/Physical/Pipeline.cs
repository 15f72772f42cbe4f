using System.Linq.Expressions;
using Linq.Spark.Columnar;
using Linq.Spark.Compilation;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// A fused chain: the first non-narrow operator below <see cref="Top"/> produces a partition, and one compiled kernel
/// runs every narrow operator above it and writes to a sink. Compiled once per plan, on first use.
/// </summary>
internal sealed class Pipeline
{
    private readonly Type _sinkType;
    private readonly KernelCompiler.Terminal _terminal;
    private readonly Lazy<Kernel> _kernel;
    private readonly Lazy<Compilation.Vectorization.IVectorKernel?> _vector;

    /// <param name="top">The highest operator of the chain.</param>
    /// <param name="sinkType">The concrete sink class the kernel writes to.</param>
    /// <param name="terminal">The sink's per-row statement.</param>
    /// <param name="vectorize">Builds the SIMD form of this pipeline over column batches, when the consumer has one.</param>
    public Pipeline(
        ExecNode top,
        Type sinkType,
        KernelCompiler.Terminal terminal,
        Func<IReadOnlyList<NarrowExec>, IEncoder, Compilation.Vectorization.VectorAggregateKernel>? vectorize = null)
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
        Columns = (node as IColumnSource)?.Columns;
        _vector = new Lazy<Compilation.Vectorization.IVectorKernel?>(() => ChooseVectorKernel(vectorize));
        _kernel = new Lazy<Kernel>(() => _vector.Value is { Reason: null } vector
            ? vector.Compile()
            : KernelCompiler.Compile(Operators, Source.ElementType, Columns, _sinkType, _terminal, top.Plan.Slots));
    }

    /// <summary>Why this pipeline runs row by row, or null when its kernel is SIMD over columns.</summary>
    public string? NotVectorizedReason =>
        !Top.Plan.Options.Vectorize ? "vectorization is off (SparkOptions.Vectorize = false)"
        : Columns is null ? $"its input is {Source.GetType().Name.Replace("Exec", "")} rows, not column batches"
        : _vector.Value!.Reason;

    /// <summary>The whole pipeline as SIMD when its consumer allows it, else SIMD filters feeding row code, else none.</summary>
    private Compilation.Vectorization.IVectorKernel? ChooseVectorKernel(
        Func<IReadOnlyList<NarrowExec>, IEncoder, Compilation.Vectorization.VectorAggregateKernel>? vectorize)
    {
        if (Columns is not { } columns || !Top.Plan.Options.Vectorize)
        {
            return null;
        }

        var whole = vectorize?.Invoke(Operators, columns);
        if (whole is { Reason: null })
        {
            return whole;
        }

        var filters = new Compilation.Vectorization.VectorFilterKernel(Operators, columns, _sinkType, _terminal, Top.Plan.Slots);
        return filters.Reason is null || whole is null ? filters : whole;
    }

    public ExecNode Top { get; }

    /// <summary>The operator that materializes the partition the kernel loops over.</summary>
    public ExecNode Source { get; }

    /// <summary>The column layout the kernel reads, or null when the source delivers rows.</summary>
    public IEncoder? Columns { get; }

    /// <summary>The fused narrow operators, nearest the source first.</summary>
    public IReadOnlyList<NarrowExec> Operators { get; }

    /// <summary>A pipeline that collects its output rows into a <see cref="RowList{T}"/>.</summary>
    public static Pipeline Collecting(ExecNode top)
    {
        var sinkType = typeof(RowList<>).MakeGenericType(top.ElementType);
        return new Pipeline(top, sinkType, (context, row) => Expression.Call(context.Sink, sinkType.GetMethod("Add")!, row));
    }

    /// <summary>Which columns of the source's batches this pipeline reads, or null when its source delivers rows.</summary>
    public bool[]? ColumnsRead() =>
        Columns is null ? null : KernelCompiler.ColumnsRead(Operators, Columns, _sinkType, _terminal);

    /// <summary>Runs the pipeline for a partition into the given sink.</summary>
    public void Run(TaskContext context, int partition, object sink)
    {
        if (Columns is not null)
        {
            var batch = ((IColumnSource)Source).ProduceBatch(context, partition);
            RunOver(batch, batch.Count, context, partition, sink);
            return;
        }

        var data = Source.Produce(context, partition);
        RunOver(data.Rows, data.Count, context, partition, sink);
    }

    /// <summary>Runs the pipeline over a partition's input already at hand (a column batch, or a row array).</summary>
    public void RunOver(object input, int count, TaskContext context, int partition, object sink)
    {
        var outer = context.KernelPartition;
        context.KernelPartition = partition;
        try
        {
            _kernel.Value(input, count, sink, context.Parameters, context);
        }
        finally
        {
            context.KernelPartition = outer;
        }
    }

    /// <summary>Runs a collecting pipeline and returns its rows.</summary>
    public PartitionData Collect(TaskContext context, int partition)
    {
        if (Operators.Count == 0 && Columns is null)
        {
            return Source.Produce(context, partition);
        }

        var sink = Activator.CreateInstance(_sinkType, 16)!;
        try
        {
            Run(context, partition, sink);
        }
        catch (Exception e) when (context.KeepsPartialOutput && e is not OperationCanceledException)
        {
            throw new PartialOutputException(Rows(sink), e is PartialOutputException inner ? inner.InnerException! : e);
        }

        return Rows(sink);
    }

    private PartitionData Rows(object sink)
    {
        var items = (Array)_sinkType.GetProperty("Items")!.GetValue(sink)!;
        return new PartitionData(items, (int)_sinkType.GetProperty("Count")!.GetValue(sink)!);
    }
}
