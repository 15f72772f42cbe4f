using System.Linq.Expressions;
using System.Runtime.Intrinsics;
using Linq.Spark.Columnar;
using Linq.Spark.Buffers;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Compilation.Vectorization;

/// <summary>
/// Builds the SIMD kernel of a stage whose pipeline is a column scan, filters and projections, then an aggregate:
/// eight rows per step, predicates as lane bits, global aggregates as masked vector accumulators (merged into the
/// state at the end), keyed aggregates as vector-computed keys and values folded into the hash table lane by lane.
/// The last rows (fewer than eight) run the ordinary row code. When a construct has no vector form, <see cref="Reason"/>
/// names it and the stage runs in row mode.
/// </summary>
internal sealed partial class VectorAggregateKernel : IVectorKernel
{
    private readonly List<Expression> _stepCode = [];
    private readonly List<Expression> _finish = [];
    private readonly List<ParameterExpression> _variables = [];
    private readonly List<Expression> _setup = [];
    private readonly VectorExpressionCompiler? _compiler;
    private readonly ParameterExpression _index = Expression.Variable(typeof(int), "i");
    private readonly ParameterExpression _row;
    private readonly ColumnLocals? _columns;
    private readonly KernelContext _context;
    private readonly ParameterExpression _input = Expression.Parameter(typeof(object), "input");
    private readonly ParameterExpression _count = Expression.Parameter(typeof(int), "count");
    private readonly ParameterExpression _sinkArgument = Expression.Parameter(typeof(object), "sinkArgument");
    private readonly ParameterExpression _parameters = Expression.Parameter(typeof(object[]), "parameters");
    private readonly ParameterExpression _taskContext = Expression.Parameter(typeof(TaskControl), "context");
    private readonly IReadOnlyList<NarrowExec> _operators;
    private readonly IEncoder _encoder;
    private readonly KernelCompiler.Terminal _rowTerminal;
    private readonly IReadOnlyList<ParameterExpression> _slots;
    private ParameterExpression? _selected;

    public VectorAggregateKernel(
        IReadOnlyList<NarrowExec> operators,
        IEncoder encoder,
        AggregateCodegen codegen,
        LambdaExpression? keySelector,
        Type sinkType,
        KernelCompiler.Terminal rowTerminal,
        IReadOnlyList<ParameterExpression> slots,
        bool metrics = false)
    {
        _operators = operators;
        _encoder = encoder;
        _rowTerminal = rowTerminal;
        _slots = slots;
        _row = Expression.Variable(encoder.RowType, "row");
        _context = new KernelContext(_taskContext, Expression.Variable(sinkType, "sink")) { RowIndex = _index, Metrics = metrics };
        Reason = Analyze(operators, codegen, keySelector);
        if (Reason is not null)
        {
            return;
        }

        _columns = new ColumnLocals(encoder);
        _compiler = new VectorExpressionCompiler(_row, encoder, _columns, _index, slots);
        Reason = Build(operators, codegen, keySelector);
    }

    /// <summary>Why the stage cannot run as SIMD, or null when it can.</summary>
    public string? Reason { get; }

    public Kernel Compile()
    {
        if (Reason is not null || _compiler is null || _columns is null)
        {
            throw new InvalidOperationException($"Not vectorizable: {Reason}");
        }

        var sink = _context.Sink;
        var rowBody = KernelCompiler.RowBody(_operators, _context, _rowTerminal, _row);
        var (tailBody, readRow) = KernelCompiler.BindVirtualRow(rowBody, _row, _encoder, _columns, _index);
        var step = Expression.Label("step");
        var cancel = TaskControl.CheckExpression(_taskContext);
        var body = Expression.Block(
            [sink, _index, _row, .. _columns.All, .. _compiler.Variables, .. _variables, .. _context.Variables],
            [
                Expression.Assign(sink, Expression.Convert(_sinkArgument, sink.Type)),
                .. _columns.Load(Expression.Convert(_input, typeof(ColumnBatch))),
                .. _compiler.Setup,
                .. _setup,
                .. _context.Prologue,
                Expression.Assign(_index, Expression.Constant(0)),
                Expression.Loop(
                    Expression.IfThenElse(
                        Expression.LessThanOrEqual(Expression.Add(_index, Expression.Constant(Lanes.Width)), _count),
                        Expression.Block(
                            [cancel, .. _compiler.StepLoads, .. _stepCode, .. TrapCheck(readRow, tailBody), Expression.AddAssign(_index, Expression.Constant(Lanes.Width))]),
                        Expression.Break(step)),
                    step),
                .. _finish,
                RowsUpTo(_count, readRow, tailBody),
                .. _context.End(),
            ]);
        return Expression.Lambda<Kernel>(SlotBinder.WithSlotsLoaded(body, _slots, _parameters), _input, _count, _sinkArgument, _parameters, _taskContext).Compile();
    }

    /// <summary>
    /// Where a lane of this step would throw in row code, runs the step's rows as row code, which throws LINQ's
    /// exception at LINQ's row; the vector updates of this step are then never used.
    /// </summary>
    private IEnumerable<Expression> TrapCheck(Expression readRow, Expression rowBody)
    {
        if (_compiler!.Trap is not { } trap)
        {
            yield break;
        }

        var end = Expression.Variable(typeof(int), "trapEnd");
        yield return Expression.IfThen(
            Expression.NotEqual(trap, Expression.Constant(0u)),
            Expression.Block(
                [end],
                Expression.Assign(end, Expression.Add(_index, Expression.Constant(Lanes.Width))),
                RowsUpTo(end, readRow, rowBody),
                Expression.Throw(Expression.New(
                    typeof(InvalidOperationException).GetConstructor([typeof(string)])!,
                    Expression.Constant("A vector kernel found a lane that throws, but its row code did not throw: the vector form of this pipeline is wrong.")))));
    }

    /// <summary>Row code for each row from the current index up to <paramref name="end"/>.</summary>
    private Expression RowsUpTo(Expression end, Expression readRow, Expression rowBody)
    {
        var done = Expression.Label("rows");
        return Expression.Loop(
            Expression.IfThenElse(
                Expression.LessThan(_index, end),
                Expression.Block(readRow, rowBody, Expression.PreIncrementAssign(_index)),
                Expression.Break(done)),
            done);
    }

    private string? Analyze(IReadOnlyList<NarrowExec> operators, AggregateCodegen codegen, LambdaExpression? keySelector)
    {
        foreach (var op in operators)
        {
            if (op is not FilterExec and not ProjectExec)
            {
                return $"{op.GetType().Name.Replace("Exec", "")} has no vector form";
            }

            // A projection is substituted into the expressions that read it, so it must not do anything else, nor
            // throw: LINQ would evaluate it for every row, read or not, and before the filters after it.
            if (op is ProjectExec project && !SideEffectFree.Check(project.Selector.Body))
            {
                return $"the projection {project.Selector.Body} calls code that may have effects of its own";
            }

            if (op is ProjectExec thrower && Throwing.MayThrow(thrower.Selector.Body))
            {
                return $"the projection {thrower.Selector.Body} may throw";
            }
        }

        if (keySelector is not null && keySelector.ReturnType != typeof(int) && keySelector.ReturnType != typeof(long) && KeyParts(keySelector.Body) is null)
        {
            return $"the grouping key is a {TypeUtil.ShortName(keySelector.ReturnType)} (vector keys are int, long, a string, or a tuple of two int-sized or string members)";
        }

        foreach (var call in codegen.Calls)
        {
            var type = call.Argument?.ReturnType;
            if (call.Kind is AggregateKind.Min or AggregateKind.Max && keySelector is null && !Lanes.IsLaneType(type!))
            {
                return $"{call.Kind} over {type?.Name} (vector Min/Max are over int, long, float or double)";
            }

            if (type is not null && call.Kind is not (AggregateKind.Count or AggregateKind.LongCount) && !Lanes.IsLaneType(type))
            {
                return $"{call.Kind} over {TypeUtil.ShortName(type)}";
            }
        }

        return null;
    }

    private string? Build(IReadOnlyList<NarrowExec> operators, AggregateCodegen codegen, LambdaExpression? keySelector)
    {
        // The current row as a scalar expression over the virtual row; projections are substituted, not computed.
        Expression current = _row;
        Expression bits = Expression.Constant(0xFFu);
        foreach (var op in operators)
        {
            if (op is ProjectExec project)
            {
                current = MemberFolding.Fold(ExpressionUtil.Inline(project.Selector, current));
                continue;
            }

            // A filter runs only for the rows the filters before it kept.
            var predicate = _compiler!.Bits(MemberFolding.Fold(ExpressionUtil.Inline(((FilterExec)op).Predicate, current)), bits is ConstantExpression ? null : bits);
            if (predicate is null)
            {
                return _compiler.Failure;
            }

            bits = bits is ConstantExpression ? predicate : Expression.And(bits, predicate);
            if (_context.Metrics)
            {
                // The filter's output rows: the popcount of the lanes it and the filters before it kept. A step whose
                // lanes trap runs as row code and throws, so its counts are never reported.
                var kept = Declare(typeof(uint), "filterBits");
                var rows = _context.RowCounter(op);
                _stepCode.Add(Expression.Assign(kept, bits));
                _stepCode.Add(Expression.AddAssign(rows, Expression.Convert(Expression.Call(Lanes.Method(nameof(Lanes.Count)), kept), typeof(long))));
                bits = kept;
            }
        }

        var laneBits = Declare(typeof(uint), "bits");
        _selected = laneBits;
        _stepCode.Add(Expression.Assign(laneBits, bits));
        var updates = keySelector is null
            ? GlobalUpdates(codegen, current, laneBits)
            : KeyedUpdates(codegen, keySelector, current, laneBits);
        if (updates is null)
        {
            return _compiler!.Failure ?? "an aggregate argument has no vector form";
        }

        // Global updates are a few masked vector operations, cheaper than the branch mispredictions of skipping them
        // at middling selectivities; keyed updates loop over the selected lanes, so an empty step skips them.
        _stepCode.Add(keySelector is null
            ? Expression.Block(updates)
            : Expression.IfThen(Expression.NotEqual(laneBits, Expression.Constant(0u)), Expression.Block(updates)));
        return null;
    }

    private List<Expression>? GlobalUpdates(AggregateCodegen codegen, Expression current, ParameterExpression laneBits)
    {
        var updates = new List<Expression>();
        var state = Expression.Field(_context.Sink, nameof(StateBox<int>.Value));
        for (var c = 0; c < codegen.Calls.Count; c++)
        {
            var call = codegen.Calls[c];
            var field = codegen.FirstField(c);
            var sumField = codegen.Layout.Field(state, field);
            if (call.Kind is AggregateKind.Count or AggregateKind.LongCount)
            {
                var selected = (Expression)laneBits;
                if (call.Argument is not null)
                {
                    var predicate = _compiler!.Bits(Argument(call, current), laneBits);
                    if (predicate is null)
                    {
                        return null;
                    }

                    selected = Expression.And(laneBits, predicate);
                }

                var count = Declare(typeof(long), "count");
                updates.Add(Expression.AddAssign(count, Expression.Convert(Expression.Call(Lanes.Method(nameof(Lanes.Count)), selected), typeof(long))));
                _finish.Add(Expression.Assign(sumField, Expression.AddChecked(sumField, count)));
                continue;
            }

            var value = _compiler!.Numeric(Argument(call, current), laneBits);
            if (value is null)
            {
                return null;
            }

            if (call.Kind is AggregateKind.Min or AggregateKind.Max)
            {
                updates.Add(MinMax(call, value, laneBits, codegen.Layout.Field(state, field), codegen.Layout.Field(state, field + 1)));
                continue;
            }

            updates.Add(SumInto(value, laneBits, sumField));
            if (call.Kind == AggregateKind.Average)
            {
                var count = Declare(typeof(long), "count");
                updates.Add(Expression.AddAssign(count, Expression.Convert(Expression.Call(Lanes.Method(nameof(Lanes.Count)), laneBits), typeof(long))));
                var countField = codegen.Layout.Field(state, field + 1);
                _finish.Add(Expression.Assign(countField, Expression.AddChecked(countField, count)));
            }
        }

        return updates;
    }

    /// <summary>Masked lanes added into a vector accumulator; merged into the state's sum once the steps are done.</summary>
    private Expression SumInto(VectorValue value, ParameterExpression laneBits, Expression sumField)
    {
        if (value.ScalarType == typeof(long) || value.ScalarType == typeof(int))
        {
            var lanes = value.ScalarType == typeof(int) ? Expression.Call(Lanes.Method(nameof(Lanes.WidenIntToLong)), value.Vector) : value.Vector;
            var sum = Declare(typeof(Vector512<long>), "sum");
            var overflow = Declare(typeof(Vector512<long>), "overflow");
            _finish.Add(Expression.Assign(sumField, Expression.AddChecked(sumField, Expression.Call(Lanes.Method(nameof(Lanes.SumChecked)), sum, overflow))));
            return Expression.Assign(sum, Expression.Call(
                Lanes.Method(nameof(Lanes.AddTrackOverflow)),
                sum,
                Expression.Call(Lanes.Method(nameof(Lanes.SelectLong)), laneBits, lanes),
                overflow));
        }

        var doubles = value.ScalarType == typeof(float) ? Expression.Call(Lanes.Method(nameof(Lanes.WidenFloatToDouble)), value.Vector) : value.Vector;
        var total = Declare(typeof(Vector512<double>), "sum");
        _finish.Add(Expression.Assign(sumField, Expression.Add(sumField, Expression.Call(Lanes.Method(nameof(Lanes.Sum)), total))));
        return Expression.AddAssign(total, Expression.Call(Lanes.Method(nameof(Lanes.SelectDouble)), laneBits, doubles));
    }

    private Expression MinMax(AggregateCall call, VectorValue value, ParameterExpression laneBits, Expression hasField, Expression valueField)
    {
        if (value.ScalarType == typeof(double) || value.ScalarType == typeof(float))
        {
            return FloatingMinMax(call, value, laneBits, hasField, valueField);
        }

        var isMin = call.Kind == AggregateKind.Min;
        var lanes = value.ScalarType == typeof(int) ? Expression.Call(Lanes.Method(nameof(Lanes.WidenIntToLong)), value.Vector) : value.Vector;
        var best = Declare(typeof(Vector512<long>), isMin ? "min" : "max");
        var any = Declare(typeof(uint), "any");
        _setup.Add(Expression.Assign(best, Expression.Call(typeof(Vector512), "Create", null, Expression.Constant(isMin ? long.MaxValue : long.MinValue))));
        var reduced = Expression.Convert(Expression.Call(Lanes.Method(isMin ? nameof(Lanes.Min) : nameof(Lanes.Max), typeof(Vector512<long>)), best), valueField.Type);
        var better = isMin ? Expression.LessThan(reduced, valueField) : Expression.GreaterThan(reduced, valueField);
        _finish.Add(Expression.IfThen(
            Expression.AndAlso(Expression.NotEqual(any, Expression.Constant(0u)), Expression.OrElse(Expression.Not(hasField), better)),
            Expression.Block(Expression.Assign(hasField, Expression.Constant(true)), Expression.Assign(valueField, reduced))));
        var candidate = Expression.Call(typeof(Vector512), isMin ? "Min" : "Max", [typeof(long)], best, lanes);
        return Expression.Block(
            Expression.OrAssign(any, laneBits),
            Expression.Assign(best, Expression.Call(
                typeof(Vector512),
                "ConditionalSelect",
                [typeof(long)],
                Expression.Call(Lanes.Method(nameof(Lanes.Mask64)), laneBits),
                candidate,
                best)));
    }

    /// <summary>
    /// Min/Max of doubles (floats widened exactly) with LINQ's NaN rules: a NaN makes Min NaN; Max is NaN only when
    /// every value is. Lanes keep their best by &lt; or &gt;, which a NaN never wins; NaN lanes are counted apart.
    /// </summary>
    private Expression FloatingMinMax(AggregateCall call, VectorValue value, ParameterExpression laneBits, Expression hasField, Expression valueField)
    {
        var isMin = call.Kind == AggregateKind.Min;
        var lanes = value.ScalarType == typeof(float) ? Expression.Call(Lanes.Method(nameof(Lanes.WidenFloatToDouble)), value.Vector) : value.Vector;
        var v = Declare(typeof(Vector512<double>), "v");
        var best = Declare(typeof(Vector512<double>), isMin ? "min" : "max");
        var any = Declare(typeof(uint), "any");
        var nan = Declare(typeof(uint), "nan");
        var number = Declare(typeof(uint), "number");
        _setup.Add(Expression.Assign(best, Expression.Call(typeof(Vector512), "Create", null, Expression.Constant(isMin ? double.PositiveInfinity : double.NegativeInfinity))));

        var reduced = Expression.Call(Lanes.Method(isMin ? nameof(Lanes.Min) : nameof(Lanes.Max), typeof(Vector512<double>)), best);
        var result = Expression.Condition(
            isMin ? Expression.NotEqual(nan, Expression.Constant(0u)) : Expression.Equal(number, Expression.Constant(0u)),
            Expression.Constant(double.NaN),
            reduced);
        var typed = Expression.Convert(result, valueField.Type);
        var isNaN = valueField.Type.GetMethod(nameof(double.IsNaN), [valueField.Type])!;
        var better = isMin
            ? Expression.OrElse(Expression.LessThan(typed, valueField), Expression.Call(isNaN, typed))
            : Expression.OrElse(Expression.GreaterThan(typed, valueField), Expression.Call(isNaN, valueField));
        _finish.Add(Expression.IfThen(
            Expression.AndAlso(Expression.NotEqual(any, Expression.Constant(0u)), Expression.OrElse(Expression.Not(hasField), better)),
            Expression.Block(Expression.Assign(hasField, Expression.Constant(true)), Expression.Assign(valueField, typed))));

        var nanBits = Expression.Call(Lanes.Method(nameof(Lanes.NaNBits)), v);
        var wins = Expression.Call(typeof(Vector512), isMin ? "LessThan" : "GreaterThan", [typeof(double)], v, best);
        return Expression.Block(
            Expression.Assign(v, lanes),
            Expression.OrAssign(any, laneBits),
            Expression.OrAssign(nan, Expression.And(laneBits, nanBits)),
            Expression.OrAssign(number, Expression.And(laneBits, Expression.Not(nanBits))),
            Expression.Assign(best, Expression.Call(
                typeof(Vector512),
                "ConditionalSelect",
                [typeof(double)],
                Expression.And(Expression.Call(Lanes.Method(nameof(Lanes.MaskDouble)), laneBits), wins),
                v,
                best)));
    }

    /// <summary>An eight-element array the vector is stored to each step, so lanes can be read one by one.</summary>
    private ParameterExpression Scratch(VectorValue value, List<Expression> updates)
    {
        var scratch = Declare(value.ScalarType.MakeArrayType(), "lanes");
        _setup.Add(Expression.Assign(scratch, Expression.NewArrayBounds(value.ScalarType, Expression.Constant(Lanes.Width))));
        var vectorClass = value.Vector.Type.GetGenericTypeDefinition() == typeof(Vector512<>) ? typeof(Vector512) : typeof(Vector256);
        updates.Add(Expression.Call(vectorClass, "CopyTo", [value.ScalarType], value.Vector, scratch));
        return scratch;
    }

    private static Expression Argument(AggregateCall call, Expression current) =>
        MemberFolding.Fold(ExpressionUtil.Inline(call.Argument!, current));

    private ParameterExpression Declare(Type type, string name)
    {
        var variable = Expression.Variable(type, name + _variables.Count);
        _variables.Add(variable);
        if (type.IsValueType)
        {
            _setup.Add(Expression.Assign(variable, Expression.Default(type)));
        }

        return variable;
    }
}
