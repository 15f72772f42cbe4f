using System.Linq.Expressions;

namespace Linq.Spark.Compilation;

/// <summary>
/// Code-generation state of one kernel: its variables, set-up statements and the label that ends the partition. A
/// kernel runs once per batch of its partition; what must outlive a batch (a limit's count) is carried through
/// <see cref="TaskControl.Carried"/>.
/// </summary>
internal sealed class KernelContext(ParameterExpression taskContext, ParameterExpression sink)
{
    private readonly List<ParameterExpression> _variables = [];
    private readonly List<Expression> _prologue = [];
    private readonly Dictionary<object, ParameterExpression> _counters = new(ReferenceEqualityComparer.Instance);
    private readonly List<ParameterExpression> _carried = [];
    private readonly List<(int Operator, ParameterExpression Rows)> _rowCounters = [];
    private ParameterExpression? _batchStart;

    /// <summary>Whether the kernel counts each operator's output rows into <see cref="TaskControl.OperatorRows"/>.</summary>
    public bool Metrics { get; init; }

    public ParameterExpression Control { get; } = taskContext;

    public ParameterExpression Sink { get; } = sink;

    /// <summary>The position of the current input row in its batch.</summary>
    public Expression RowIndex { get; set; } = Expression.Constant(-1);

    /// <summary>The position of the current input row in the partition (for sinks that remember where a row came from).</summary>
    public Expression InputIndex => Expression.Add(
        _batchStart ??= Declare(typeof(int), "batchStart", Expression.Property(Control, nameof(TaskControl.BatchStart))),
        RowIndex);

    /// <summary>
    /// The join whose probe was done for a batch before its rows run (<see cref="Vectorization.BatchedProbeKernel"/>):
    /// its code reads the first match from <see cref="ProbedMatch"/> instead of looking the key up; -1 for none.
    /// </summary>
    public int ProbedJoin { get; init; } = -1;

    /// <summary>The current row's first match in <see cref="ProbedJoin"/>'s lookup (for a set of keys, 0 when the key is there), or -1.</summary>
    public Expression? ProbedMatch { get; init; }

    /// <summary>Jumping here ends the partition early (a per-partition limit was reached): no later batch is read.</summary>
    public LabelTarget Exit { get; } = Expression.Label("exit");

    public IReadOnlyList<ParameterExpression> Variables => _variables;

    public IReadOnlyList<Expression> Prologue => _prologue;

    /// <summary>Declares kernel-level variables that the given statements set once before the loop.</summary>
    public void DeclareAll(IEnumerable<ParameterExpression> variables, IEnumerable<Expression> setUp)
    {
        _variables.AddRange(variables);
        _prologue.AddRange(setUp);
    }

    /// <summary>
    /// The counter that carries <paramref name="owner"/>'s state from row to row and from batch to batch (a limit's
    /// remaining rows), starting at <paramref name="initial"/> on the partition's first batch. Declared on first use:
    /// a kernel that emits an operator's code in several places (SIMD steps, the scalar tail) shares one counter.
    /// </summary>
    public ParameterExpression Counter(object owner, string name, Expression initial, Func<ParameterExpression, Expression>? prologue = null)
    {
        if (!_counters.TryGetValue(owner, out var variable))
        {
            var carried = Expression.Property(Control, nameof(TaskControl.Carried));
            variable = Declare(
                typeof(int),
                name,
                Expression.Condition(
                    Expression.Equal(carried, Expression.Constant(null, typeof(int[]))),
                    initial,
                    Expression.ArrayIndex(carried, Expression.Constant(_carried.Count))));
            _counters[owner] = variable;
            _carried.Add(variable);
            if (prologue is not null)
            {
                _prologue.Add(prologue(variable));
            }
        }

        return variable;
    }

    /// <summary>
    /// The local that counts the rows <paramref name="op"/> hands on in this batch; declared on first use and shared by
    /// every place the kernel emits the operator's code, and added to <see cref="TaskControl.OperatorRows"/> at the end.
    /// </summary>
    public ParameterExpression RowCounter(Planning.Physical.ExecNode op)
    {
        foreach (var (id, rows) in _rowCounters)
        {
            if (id == op.Id)
            {
                return rows;
            }
        }

        var counter = Declare(typeof(long), "rows", Expression.Constant(0L));
        _rowCounters.Add((op.Id, counter));
        return counter;
    }

    /// <summary>Statements run where the partition ends early (at <see cref="Exit"/>), before the counters are flushed.</summary>
    public List<Expression> AtExit { get; } = [];

    /// <summary>Statements run at the end of every batch, however it ended (after <see cref="AtExit"/> where it ended early).</summary>
    public List<Expression> AtEnd { get; } = [];

    /// <summary>
    /// The statements that end a kernel's batch: the <see cref="Exit"/> label, which tells the task that the partition
    /// needs no more batches, and the counters handed on to the next batch.
    /// </summary>
    public IEnumerable<Expression> End()
    {
        var done = Expression.Label("batchDone");
        yield return Expression.Goto(done);
        yield return Expression.Label(Exit);
        foreach (var statement in AtExit)
        {
            yield return statement;
        }

        yield return Expression.Assign(Expression.Property(Control, nameof(TaskControl.InputDone)), Expression.Constant(true));
        yield return Expression.Label(done);
        foreach (var statement in AtEnd)
        {
            yield return statement;
        }

        if (_rowCounters.Count > 0)
        {
            var operatorRows = Expression.Property(Control, nameof(TaskControl.OperatorRows));
            foreach (var (id, rows) in _rowCounters)
            {
                yield return Expression.AddAssign(Expression.ArrayAccess(operatorRows, Expression.Constant(id)), rows);
            }
        }

        if (_carried.Count == 0)
        {
            yield break;
        }

        var carried = Expression.Property(Control, nameof(TaskControl.Carried));
        yield return Expression.IfThen(
            Expression.Equal(carried, Expression.Constant(null, typeof(int[]))),
            Expression.Assign(carried, Expression.NewArrayBounds(typeof(int), Expression.Constant(_carried.Count))));
        for (var slot = 0; slot < _carried.Count; slot++)
        {
            yield return Expression.Assign(Expression.ArrayAccess(carried, Expression.Constant(slot)), _carried[slot]);
        }
    }

    /// <summary>Declares a kernel-level variable, initialized once before the loop.</summary>
    public ParameterExpression Declare(Type type, string name, Expression? initial = null)
    {
        var variable = Expression.Variable(type, name + _variables.Count);
        _variables.Add(variable);
        if (initial is not null)
        {
            _prologue.Add(Expression.Assign(variable, initial));
        }

        return variable;
    }
}
