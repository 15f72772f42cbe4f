using System.Linq.Expressions;
using Linq.Spark.Columnar;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Compilation.Vectorization;

/// <summary>
/// The SIMD form of a pipeline that starts with filters over column batches: the filters' predicates are computed
/// eight rows at a time into lane bits, and only the selected rows run the rest of the pipeline (projections, joins,
/// the sink) as row code. The selection feeds everything after it without building rows that are filtered out.
/// </summary>
internal sealed class VectorFilterKernel : IVectorKernel
{
    private readonly IReadOnlyList<NarrowExec> _operators;
    private readonly int _filters;
    private readonly IEncoder _encoder;
    private readonly Type _sinkType;
    private readonly KernelCompiler.Terminal _terminal;
    private readonly IReadOnlyList<ParameterExpression> _slots;
    private readonly bool _metrics;

    /// <remarks>With <paramref name="metrics"/>, the kernel counts each operator's output rows (a filter's by the popcount of its lane bits).</remarks>
    public VectorFilterKernel(IReadOnlyList<NarrowExec> operators, IEncoder encoder, Type sinkType, KernelCompiler.Terminal terminal, IReadOnlyList<ParameterExpression> slots, bool metrics = false)
    {
        _metrics = metrics;
        _operators = operators;
        _encoder = encoder;
        _sinkType = sinkType;
        _terminal = terminal;
        _slots = slots;
        while (_filters < operators.Count && operators[_filters] is FilterExec)
        {
            _filters++;
        }

        Reason = _filters == 0
            ? operators.Count == 0 ? "there is nothing to compute before the sink" : $"{operators[0].GetType().Name.Replace("Exec", "")} comes first and has no vector form"
            : Probe();
    }

    public string? Reason { get; }

    public Kernel Compile()
    {
        var input = Expression.Parameter(typeof(object), "input");
        var count = Expression.Parameter(typeof(int), "count");
        var sinkArgument = Expression.Parameter(typeof(object), "sinkArgument");
        var parameters = Expression.Parameter(typeof(object[]), "parameters");
        var taskContext = Expression.Parameter(typeof(TaskControl), "context");
        var index = Expression.Variable(typeof(int), "i");
        var at = Expression.Variable(typeof(int), "at");
        var row = Expression.Variable(_encoder.RowType, "row");
        var sink = Expression.Variable(_sinkType, "sink");
        var context = new KernelContext(taskContext, sink) { RowIndex = at, Metrics = _metrics };
        var columns = new ColumnLocals(_encoder);
        var compiler = new VectorExpressionCompiler(row, _encoder, columns, index, _slots);

        // Each filter runs only for the rows the filters before it kept. With metrics, each filter's lanes are kept
        // in a variable of their own, whose popcount is the filter's output rows for the step.
        Expression? bits = null;
        var filterBits = new List<(ParameterExpression Bits, ParameterExpression Rows)>();
        var assignBits = new List<Expression>();
        for (var f = 0; f < _filters; f++)
        {
            var predicate = compiler.Bits(((FilterExec)_operators[f]).Predicate.Body.Replace(((FilterExec)_operators[f]).Predicate.Parameters[0], row), bits)!;
            bits = bits is null ? predicate : Expression.And(bits, predicate);
            if (_metrics)
            {
                var kept = Expression.Variable(typeof(uint), "filterBits" + f);
                assignBits.Add(Expression.Assign(kept, bits));
                filterBits.Add((kept, context.RowCounter(_operators[f])));
                bits = kept;
            }
        }

        // Rows after the filters: the rest of the pipeline, row by row, for the selected lanes only.
        var rest = KernelCompiler.RowBody(_operators.Skip(_filters).ToList(), context, _terminal, row);
        var (selectedBody, selectedRead) = KernelCompiler.BindVirtualRow(rest, row, _encoder, columns, at);
        var all = KernelCompiler.RowBody(_operators, context, _terminal, row);
        var (tailBody, tailRead) = KernelCompiler.BindVirtualRow(all, row, _encoder, columns, at);

        var step = Expression.Label("step");
        var tail = Expression.Label("tail");
        var cancel = TaskControl.CheckExpression(taskContext);
        var laneBits = Expression.Variable(typeof(uint), "bits");
        var perLane = LaneLoop.ForEachSelected(laneBits, lane => Expression.Block(Expression.Assign(at, Expression.Add(index, lane)), selectedRead, selectedBody));

        // Where a filter would throw in a lane LINQ evaluates, the step's rows run as row code instead: it throws
        // LINQ's exception at LINQ's row, or (after a limit was reached) runs past it as LINQ does.
        Expression selected = Expression.IfThen(Expression.NotEqual(laneBits, Expression.Constant(0u)), perLane);
        if (_metrics)
        {
            // A whole step adds each filter's popcount. A limit that ends the partition part-way through the step's
            // lanes counts only the lanes up to the one it stopped at (row code never reaches the others).
            selected = Expression.Block([selected, .. filterBits.Select(f => StepCounted(f.Bits, f.Rows))]);
            var lanesRead = Expression.Subtract(
                Expression.LeftShift(Expression.Constant(2u), Expression.Subtract(at, index)),
                Expression.Constant(1u));
            context.AtExit.AddRange(filterBits.Select(f => StepCounted(f.Bits, f.Rows, lanesRead)));
        }

        if (compiler.Trap is { } trap)
        {
            var lane = Expression.Variable(typeof(int), "trapLane");
            var rows = Expression.Label("trapRows");
            selected = Expression.IfThenElse(
                Expression.NotEqual(trap, Expression.Constant(0u)),
                Expression.Block(
                    [lane],
                    [
                        .. filterBits.Select(f => Expression.Assign(f.Bits, Expression.Constant(0u))),
                        Expression.Assign(lane, Expression.Constant(0)),
                        Expression.Loop(
                            Expression.IfThenElse(
                                Expression.LessThan(lane, Expression.Constant(Lanes.Width)),
                                Expression.Block(Expression.Assign(at, Expression.Add(index, lane)), tailRead, tailBody, Expression.PreIncrementAssign(lane)),
                                Expression.Break(rows)),
                            rows),
                    ]),
                selected);
        }

        var body = Expression.Block(
            [sink, index, at, row, laneBits, .. filterBits.Select(f => f.Bits), .. columns.All, .. compiler.Variables, .. context.Variables],
            [
                Expression.Assign(sink, Expression.Convert(sinkArgument, _sinkType)),
                .. columns.Load(Expression.Convert(input, typeof(ColumnBatch))),
                .. compiler.Setup,
                .. context.Prologue,
                Expression.Assign(index, Expression.Constant(0)),
                Expression.Loop(
                    Expression.IfThenElse(
                        Expression.LessThanOrEqual(Expression.Add(index, Expression.Constant(Lanes.Width)), count),
                        Expression.Block(
                            [cancel, .. compiler.StepLoads, .. assignBits, Expression.Assign(laneBits, bits!), selected,
                            Expression.AddAssign(index, Expression.Constant(Lanes.Width))]),
                        Expression.Break(step)),
                    step),
                Expression.Loop(
                    Expression.IfThenElse(
                        Expression.LessThan(index, count),
                        Expression.Block(Expression.Assign(at, index), tailRead, tailBody, Expression.PreIncrementAssign(index)),
                        Expression.Break(tail)),
                    tail),
                .. context.End(),
            ]);
        return Expression.Lambda<Kernel>(SlotBinder.WithSlotsLoaded(body, _slots, parameters), input, count, sinkArgument, parameters, taskContext).Compile();
    }

    /// <summary>
    /// Adds a filter's kept lanes (those under <paramref name="lanes"/>, when given) to its row counter and clears
    /// them, so a later exit or the row-code tail does not count them again.
    /// </summary>
    private static Expression StepCounted(ParameterExpression bits, ParameterExpression rows, Expression? lanes = null) =>
        Expression.Block(
            Expression.AddAssign(rows, Expression.Convert(Expression.Call(Lanes.Method(nameof(Lanes.Count)), lanes is null ? bits : Expression.And(bits, lanes)), typeof(long))),
            Expression.Assign(bits, Expression.Constant(0u)));

    /// <summary>Whether every leading filter has a vector form (the translation is thrown away; Compile redoes it).</summary>
    private string? Probe()
    {
        var row = Expression.Variable(_encoder.RowType, "row");
        var compiler = new VectorExpressionCompiler(row, _encoder, new ColumnLocals(_encoder), Expression.Variable(typeof(int), "i"), _slots);
        for (var f = 0; f < _filters; f++)
        {
            var filter = (FilterExec)_operators[f];
            if (compiler.Bits(filter.Predicate.Body.Replace(filter.Predicate.Parameters[0], row)) is null)
            {
                return compiler.Failure;
            }
        }

        return null;
    }
}
