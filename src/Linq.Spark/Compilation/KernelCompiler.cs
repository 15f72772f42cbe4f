using System.Linq.Expressions;
using Linq.Spark.Columnar;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Compilation;

/// <summary>
/// Fuses a stage's narrow operators into one loop over a partition (produce/consume code generation): each operator
/// wraps the code of the one above it, and the sink's terminal statement sits innermost. No per-row virtual calls, no
/// per-operator iterators. Over a column batch the row is virtual: member reads become column reads, and the row
/// object is built only when a lambda uses it whole.
/// </summary>
internal static class KernelCompiler
{
    /// <summary>Emits the statement that hands one output row to the sink.</summary>
    public delegate Expression Terminal(KernelContext context, Expression row);

    /// <param name="operators">Narrow operators, lowest (nearest the source) first.</param>
    /// <param name="inputType">The row type of the source partition.</param>
    /// <param name="encoder">The column layout when the input is a column batch; null for a row array.</param>
    /// <param name="sinkType">The concrete sink class the terminal writes to.</param>
    /// <param name="terminal">The sink's per-row statement.</param>
    /// <param name="slots">The plan's parameter slots.</param>
    /// <param name="metrics">Whether the kernel counts each operator's output rows (see <see cref="KernelContext.Metrics"/>).</param>
    public static Kernel Compile(
        IReadOnlyList<NarrowExec> operators,
        Type inputType,
        IEncoder? encoder,
        Type sinkType,
        Terminal terminal,
        IReadOnlyList<ParameterExpression> slots,
        bool metrics = false)
    {
        var input = Expression.Parameter(typeof(object), "input");
        var count = Expression.Parameter(typeof(int), "count");
        var sinkArgument = Expression.Parameter(typeof(object), "sinkArgument");
        var parameters = Expression.Parameter(typeof(object[]), "parameters");
        var taskContext = Expression.Parameter(typeof(TaskControl), "context");

        var sink = Expression.Variable(sinkType, "sink");
        var context = new KernelContext(taskContext, sink) { Metrics = metrics };

        var index = Expression.Variable(typeof(int), "i");
        context.RowIndex = index;
        var row = Expression.Variable(inputType, "row");
        var loopBody = RowBody(operators, context, terminal, row);
        var setUp = new List<Expression> { Expression.Assign(sink, Expression.Convert(sinkArgument, sinkType)) };
        var locals = new List<ParameterExpression> { sink };
        Expression readRow;
        if (encoder is null)
        {
            var rows = Expression.Variable(inputType.MakeArrayType(), "rows");
            locals.Add(rows);
            setUp.Add(Expression.Assign(rows, Expression.Convert(input, rows.Type)));
            readRow = Expression.Assign(row, Expression.ArrayIndex(rows, index));
        }
        else
        {
            var columns = new ColumnLocals(encoder);
            locals.AddRange(columns.All);
            setUp.AddRange(columns.Load(Expression.Convert(input, typeof(ColumnBatch))));
            (loopBody, readRow) = BindVirtualRow(loopBody, row, encoder, columns, index);
        }

        var breakLabel = Expression.Label("break");
        var loop = Expression.Block(
            [index],
            Expression.Assign(index, Expression.Constant(0)),
            Expression.Loop(
                Expression.IfThenElse(
                    Expression.LessThan(index, count),
                    Expression.Block(
                        [row],
                        TaskControl.CheckExpression(taskContext),
                        readRow,
                        loopBody,
                        Expression.PreIncrementAssign(index)),
                    Expression.Break(breakLabel)),
                breakLabel));

        var statements = new List<Expression>(setUp);
        statements.AddRange(context.Prologue);
        statements.Add(loop);
        statements.AddRange(context.End());

        var body = (Expression)Expression.Block([.. locals, .. context.Variables], statements);
        body = SlotBinder.WithSlotsLoaded(body, slots, parameters);
        return Expression.Lambda<Kernel>(body, input, count, sinkArgument, parameters, taskContext).Compile();
    }

    /// <summary>
    /// Which columns of <paramref name="encoder"/> the row-mode kernel of these operators reads (all of them when it
    /// builds whole rows). The SIMD kernels of the same operators read no others: they compile the same lambdas.
    /// </summary>
    public static bool[] ColumnsRead(IReadOnlyList<NarrowExec> operators, IEncoder encoder, Type sinkType, Terminal terminal)
    {
        var context = new KernelContext(Expression.Parameter(typeof(TaskControl), "context"), Expression.Variable(sinkType, "sink"));
        var index = Expression.Variable(typeof(int), "i");
        context.RowIndex = index;
        var row = Expression.Variable(encoder.RowType, "row");
        var columns = new ColumnLocals(encoder);
        var (body, readRow) = BindVirtualRow(RowBody(operators, context, terminal, row), row, encoder, columns, index);
        var kernel = Expression.Block([.. context.Prologue, readRow, body]);
        return [.. Enumerable.Range(0, encoder.Columns.Count).Select(c => Internal.ExpressionUtil.References(kernel, columns.Of(c)))];
    }

    /// <summary>
    /// The code for one input row: each operator's consume code wrapped around the next one's, the terminal innermost.
    /// A kernel with metrics counts every row an operator hands on (a projection, which hands on each row it gets, is
    /// not counted, as Spark's Project has no metric).
    /// </summary>
    public static Expression RowBody(IReadOnlyList<NarrowExec> operators, KernelContext context, Terminal terminal, ParameterExpression row)
    {
        Func<Expression, Expression> consume = r => terminal(context, r);
        for (var i = operators.Count - 1; i >= 0; i--)
        {
            var op = operators[i];
            var next = consume;
            if (context.Metrics && op.CountsOutputRows)
            {
                var inner = next;
                next = r => Expression.Block(Expression.PreIncrementAssign(context.RowCounter(op)), inner(r));
            }

            consume = r => NarrowCodegen.Consume(op, context, r, next);
        }

        return consume(row);
    }

    /// <summary>Rewrites member reads of a virtual row into column reads; returns the statement that builds the row when still needed.</summary>
    public static (Expression Body, Expression ReadRow) BindVirtualRow(Expression body, ParameterExpression row, IEncoder encoder, ColumnLocals columns, Expression index)
    {
        var rewriter = new VirtualRowRewriter(row, encoder, columns, index);
        body = rewriter.Visit(body);
        var readRow = Internal.ExpressionUtil.References(body, [row]) ? Expression.Assign(row, encoder.Decode(columns, index)) : (Expression)Expression.Empty();
        return (body, readRow);
    }

    /// <summary>Turns reads of the virtual row's members (and of a whole-row column) into column reads.</summary>
    private sealed class VirtualRowRewriter(ParameterExpression row, IEncoder encoder, ColumnLocals columns, Expression index) : RowMemberRewriter(row)
    {
        protected override Expression? Replace(MemberExpression member)
        {
            var column = encoder.ColumnOf(member.Member);
            return column >= 0 ? encoder.Read(columns, column, index) : null;
        }

        protected override Expression VisitParameter(ParameterExpression node) =>
            node == Row && encoder.IsWholeRow && AtTopLevel ? encoder.Read(columns, 0, index) : node;
    }
}
