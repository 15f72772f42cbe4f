using System.Linq.Expressions;
using Linq.Spark.Buffers;
using Linq.Spark.Columnar;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Compilation.Vectorization;

/// <summary>
/// The vectorized form of a pipeline over column batches whose first join probes an int or long key (DuckDB's
/// vectorized hash probe), in three steps per batch:
/// <list type="number">
/// <item>the operators below the join (filters, SIMD where they allow, and projections) run over the batch and gather
/// each row that reaches the join, with its key, into a <see cref="ProbeBatch"/>: a selection vector;</item>
/// <item>the lookup finds the first match of every gathered key in one tight loop, so the cache misses of many probes
/// overlap (<see cref="JoinLookup{TKey, TValue}.FindFirst"/>);</item>
/// <item>the join, its first match found, and everything above it run as row code over the gathered rows, in the
/// batch's order.</item>
/// </list>
/// </summary>
/// <remarks>
/// The first step may run ahead of the third by a whole batch, so it is used only where that cannot change an answer:
/// the operators below the join and its key compute values only (<see cref="Throwing.MayThrow"/> is false: no calls,
/// nothing that throws), and the third step recomputes the projections from the row index. An exception above the
/// join, or a limit that ends the partition, happens at the same row as in row code.
/// </remarks>
internal sealed class BatchedProbeKernel : IVectorKernel
{
    private readonly IReadOnlyList<NarrowExec> _operators;
    private readonly IEncoder _encoder;
    private readonly Type _sinkType;
    private readonly KernelCompiler.Terminal _terminal;
    private readonly IReadOnlyList<ParameterExpression> _slots;
    private readonly bool _metrics;
    private readonly int _joinAt;

    /// <remarks>With <paramref name="metrics"/>, the kernel counts each operator's output rows, as row code does.</remarks>
    public BatchedProbeKernel(IReadOnlyList<NarrowExec> operators, IEncoder encoder, Type sinkType, KernelCompiler.Terminal terminal, IReadOnlyList<ParameterExpression> slots, bool metrics = false)
    {
        _operators = operators;
        _encoder = encoder;
        _sinkType = sinkType;
        _terminal = terminal;
        _slots = slots;
        _metrics = metrics;
        _joinAt = 0;
        while (_joinAt < operators.Count && operators[_joinAt] is not HashJoinExec)
        {
            _joinAt++;
        }

        Reason = Check();
    }

    private delegate void ProbeKernel(object input, ProbeBatch probes, object sink, object?[] parameters, TaskControl control);

    public string? Reason { get; }

    private HashJoinExec Join => (HashJoinExec)_operators[_joinAt];

    public Kernel Compile()
    {
        var gather = CompileGather();
        var probe = CompileProbe();
        var joinId = Join.Id;
        return (input, count, sink, parameters, control) =>
        {
            var lookup = (IBatchedJoinLookup)control.JoinLookup(joinId);
            using var probes = new ProbeBatch(count);
            gather(input, count, probes, parameters, control);
            lookup.FindFirst(probes);
            probe(input, probes, sink, parameters, control);
        };
    }

    /// <summary>Why the pipeline has no batched probe: no join, a join of another kind or key, or code below it that may throw or call out.</summary>
    private string? Check()
    {
        if (_joinAt == _operators.Count)
        {
            return "it has no hash join";
        }

        var join = Join.Join;
        if (join.Kind == JoinKind.Group)
        {
            return "a group join's probe hands on whole groups";
        }

        if (join.Comparer is not null || (join.KeyType != typeof(int) && join.KeyType != typeof(long)))
        {
            return $"its join key is {join.KeyType.Name}{(join.Comparer is null ? "" : " with a comparer")}, not an int or long";
        }

        for (var i = 0; i < _joinAt; i++)
        {
            var lambda = _operators[i] switch
            {
                FilterExec filter => filter.Predicate,
                ProjectExec project => project.Selector,
                _ => null,
            };
            if (lambda is null || Throwing.MayThrow(lambda.Body))
            {
                return $"{_operators[i].GetType().Name.Replace("Exec", "")} before the join may throw or call code";
            }
        }

        return Throwing.MayThrow((join.StreamsLeft ? join.LeftKey : join.RightKey).Body) ? "the join's key may throw or call code" : null;
    }

    /// <summary>
    /// The first step: the operators below the join over the batch, writing each row that reaches it and its key
    /// into the probes' arrays (the count kept in a local and stored when the batch ends).
    /// </summary>
    private Kernel CompileGather()
    {
        var below = _operators.Take(_joinAt).ToList();
        var join = Join.Join;
        var key = join.StreamsLeft ? join.LeftKey : join.RightKey;
        KernelContext? declaredIn = null;
        ParameterExpression keys = null!, rows = null!, count = null!;
        KernelCompiler.Terminal gather = (context, row) =>
        {
            if (declaredIn != context)
            {
                declaredIn = context;
                keys = context.Declare(typeof(long[]), "probeKeys", Expression.Property(context.Sink, nameof(ProbeBatch.Keys)));
                rows = context.Declare(typeof(int[]), "probeRows", Expression.Property(context.Sink, nameof(ProbeBatch.Rows)));
                count = context.Declare(typeof(int), "probeCount", Expression.Constant(0));
                context.AtEnd.Add(Expression.Assign(Expression.Property(context.Sink, nameof(ProbeBatch.Count)), count));
            }

            return Expression.Block(
                Expression.Assign(Expression.ArrayAccess(keys, count), Expression.Convert(ExpressionUtil.Inline(key, row), typeof(long))),
                Expression.Assign(Expression.ArrayAccess(rows, count), context.RowIndex),
                Expression.PreIncrementAssign(count));
        };
        var filters = new VectorFilterKernel(below, _encoder, typeof(ProbeBatch), gather, _slots, _metrics);
        return filters.Reason is null
            ? filters.Compile()
            : KernelCompiler.Compile(below, _encoder.RowType, _encoder, typeof(ProbeBatch), gather, _slots, _metrics);
    }

    /// <summary>
    /// The third step: for each probe, the projections below the join (its filters passed already), the join with
    /// its first match found, and the operators above it, over the row the probe came from.
    /// </summary>
    private ProbeKernel CompileProbe()
    {
        var input = Expression.Parameter(typeof(object), "input");
        var probes = Expression.Parameter(typeof(ProbeBatch), "probes");
        var sinkArgument = Expression.Parameter(typeof(object), "sinkArgument");
        var parameters = Expression.Parameter(typeof(object[]), "parameters");
        var control = Expression.Parameter(typeof(TaskControl), "context");
        var sink = Expression.Variable(_sinkType, "sink");
        var rows = Expression.Variable(typeof(int[]), "probeRows");
        var matches = Expression.Variable(typeof(int[]), "probeMatches");
        var count = Expression.Variable(typeof(int), "probeCount");
        var j = Expression.Variable(typeof(int), "j");
        var at = Expression.Variable(typeof(int), "at");
        var row = Expression.Variable(_encoder.RowType, "row");
        var context = new KernelContext(control, sink)
        {
            RowIndex = at,
            Metrics = _metrics,
            ProbedJoin = Join.Id,
            ProbedMatch = Expression.ArrayIndex(matches, j),
        };

        var columns = new ColumnLocals(_encoder);
        var operators = _operators.Where((op, i) => i >= _joinAt || op is not FilterExec).ToList();
        var (body, readRow) = KernelCompiler.BindVirtualRow(KernelCompiler.RowBody(operators, context, _terminal, row), row, _encoder, columns, at);
        var end = Expression.Label("probesDone");
        var loop = Expression.Block(
            Expression.Assign(j, Expression.Constant(0)),
            Expression.Loop(
                Expression.IfThenElse(
                    Expression.LessThan(j, count),
                    Expression.Block(
                        [row],
                        TaskControl.CheckExpression(control),
                        Expression.Assign(at, Expression.ArrayIndex(rows, j)),
                        readRow,
                        body,
                        Expression.PreIncrementAssign(j)),
                    Expression.Break(end)),
                end));

        var statements = new List<Expression>
        {
            Expression.Assign(sink, Expression.Convert(sinkArgument, _sinkType)),
            Expression.Assign(rows, Expression.Property(probes, nameof(ProbeBatch.Rows))),
            Expression.Assign(matches, Expression.Property(probes, nameof(ProbeBatch.Matches))),
            Expression.Assign(count, Expression.Property(probes, nameof(ProbeBatch.Count))),
        };
        statements.AddRange(columns.Load(Expression.Convert(input, typeof(ColumnBatch))));
        statements.AddRange(context.Prologue);
        statements.Add(loop);
        statements.AddRange(context.End());
        var kernel = (Expression)Expression.Block([sink, rows, matches, count, j, at, .. columns.All, .. context.Variables], statements);
        return Expression.Lambda<ProbeKernel>(SlotBinder.WithSlotsLoaded(kernel, _slots, parameters), input, probes, sinkArgument, parameters, control).Compile();
    }
}
