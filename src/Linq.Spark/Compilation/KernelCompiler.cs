using System.Linq.Expressions;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Compilation;

/// <summary>
/// Fuses a stage's narrow operators into one loop over a partition's rows (produce/consume code generation):
/// each operator wraps the code of the one above it, and the sink's terminal statement sits innermost.
/// No per-row virtual calls, no per-operator iterators.
/// </summary>
internal static class KernelCompiler
{
    /// <summary>Emits the statement that hands one output row to the sink.</summary>
    public delegate Expression Terminal(KernelContext context, Expression row);

    /// <param name="operators">Narrow operators, lowest (nearest the source) first.</param>
    /// <param name="inputType">The row type of the source partition.</param>
    /// <param name="sinkType">The concrete sink class the terminal writes to.</param>
    /// <param name="terminal">The sink's per-row statement.</param>
    /// <param name="slots">The plan's parameter slots.</param>
    public static Kernel Compile(
        IReadOnlyList<NarrowExec> operators,
        Type inputType,
        Type sinkType,
        Terminal terminal,
        IReadOnlyList<ParameterExpression> slots)
    {
        var rowsArgument = Expression.Parameter(typeof(Array), "rowsArgument");
        var count = Expression.Parameter(typeof(int), "count");
        var sinkArgument = Expression.Parameter(typeof(object), "sinkArgument");
        var parameters = Expression.Parameter(typeof(object[]), "parameters");
        var taskContext = Expression.Parameter(typeof(Execution.TaskContext), "context");

        var rows = Expression.Variable(inputType.MakeArrayType(), "rows");
        var sink = Expression.Variable(sinkType, "sink");
        var context = new KernelContext(taskContext, sink);

        // Build from the top down: each operator's consume code calls into the next one's.
        Func<Expression, Expression> consume = row => terminal(context, row);
        for (var i = operators.Count - 1; i >= 0; i--)
        {
            var op = operators[i];
            var next = consume;
            consume = row => op.Consume(context, row, next);
        }

        var index = Expression.Variable(typeof(int), "i");
        var row = Expression.Variable(inputType, "row");
        var loopBody = consume(row);
        var breakLabel = Expression.Label("break");
        var loop = Expression.Block(
            [index],
            Expression.Assign(index, Expression.Constant(0)),
            Expression.Loop(
                Expression.IfThenElse(
                    Expression.LessThan(index, count),
                    Expression.Block(
                        [row],
                        Expression.Call(taskContext, typeof(Execution.TaskContext).GetMethod(nameof(Execution.TaskContext.ThrowIfCancelled))!),
                        Expression.Assign(row, Expression.ArrayIndex(rows, index)),
                        loopBody,
                        Expression.PreIncrementAssign(index)),
                    Expression.Break(breakLabel)),
                breakLabel));

        var statements = new List<Expression>
        {
            Expression.Assign(rows, Expression.Convert(rowsArgument, rows.Type)),
            Expression.Assign(sink, Expression.Convert(sinkArgument, sinkType)),
        };
        statements.AddRange(context.Prologue);
        statements.Add(loop);
        statements.Add(Expression.Label(context.Exit));

        var body = (Expression)Expression.Block([rows, sink, .. context.Variables], statements);
        var used = SlotBinder.FreeSlots(body, slots);
        body = Expression.Block(used.Select(u => u.Slot), [.. SlotBinder.LoadSlots(used, parameters), body]);
        return Expression.Lambda<Kernel>(body, rowsArgument, count, sinkArgument, parameters, taskContext).Compile();
    }
}
