using System.Collections;
using System.Linq.Expressions;
using Linq.Spark.Buffers;
using Linq.Spark.Columnar;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;
using Linq.Spark.Planning.Physical;

namespace Linq.Spark.Compilation;

/// <summary>
/// The row code of each narrow operator (produce/consume code generation): given the expression of one input row,
/// it emits the operator's work and hands its output rows to <c>next</c>, the code of the operators above.
/// </summary>
internal sealed class NarrowCodegen : ExecVisitor<Expression>
{
    private readonly KernelContext _context;
    private readonly Expression _row;
    private readonly Func<Expression, Expression> _next;

    private NarrowCodegen(KernelContext context, Expression row, Func<Expression, Expression> next)
    {
        _context = context;
        _row = row;
        _next = next;
    }

    /// <summary>Code for one input row of <paramref name="op"/>; <paramref name="next"/> emits the code consuming an output row.</summary>
    public static Expression Consume(NarrowExec op, KernelContext context, Expression row, Func<Expression, Expression> next) =>
        op.Accept(new NarrowCodegen(context, row, next));

    public override Expression VisitFilter(FilterExec node) =>
        Expression.IfThen(ExpressionUtil.Inline(node.Predicate, _row), _next(_row));

    public override Expression VisitProject(ProjectExec node) =>
        VirtualRow.Bind(ExpressionUtil.Inline(node.Selector, _row), _next);

    public override Expression VisitLocalLimit(LocalLimitExec node)
    {
        var remaining = _context.Counter(node, "remaining", node.Limit, r => Expression.IfThen(Expression.LessThanOrEqual(r, Expression.Constant(0)), Expression.Goto(_context.Exit)));
        return Expression.Block(
            Expression.PostDecrementAssign(remaining),
            _next(_row),
            Expression.IfThen(Expression.LessThanOrEqual(remaining, Expression.Constant(0)), Expression.Goto(_context.Exit)));
    }

    public override Expression VisitFlatMap(FlatMapExec node)
    {
        var enumerableType = typeof(IEnumerable<>).MakeGenericType(node.ItemType);
        var enumeratorType = typeof(IEnumerator<>).MakeGenericType(node.ItemType);
        var enumerator = Expression.Variable(enumeratorType, "items");
        var item = Expression.Variable(node.ItemType, "item");
        var output = node.ResultSelector is null ? item : ExpressionUtil.Inline(node.ResultSelector, _row, item);
        var done = Expression.Label("done");
        var collection = Expression.Convert(ExpressionUtil.Inline(node.CollectionSelector, _row), enumerableType);
        var loop = Expression.Loop(
            Expression.IfThenElse(
                Expression.Call(enumerator, typeof(IEnumerator).GetMethod(nameof(IEnumerator.MoveNext))!),
                Expression.Block([item], Expression.Assign(item, Expression.Property(enumerator, "Current")), _next(output)),
                Expression.Break(done)),
            done);
        return Expression.Block(
            [enumerator],
            Expression.Assign(enumerator, Expression.Call(collection, enumerableType.GetMethod(nameof(IEnumerable.GetEnumerator))!)),
            Expression.TryFinally(loop, Expression.Call(enumerator, typeof(IDisposable).GetMethod(nameof(IDisposable.Dispose))!)));
    }

    public override Expression VisitBroadcastHashJoin(BroadcastHashJoinExec node) => Probe(node);

    public override Expression VisitShuffledHashJoin(ShuffledHashJoinExec node) => Probe(node);

    /// <summary>
    /// The probe of a hash join: the streamed row's key finds its chain of build rows (First, then Next until -1; in a
    /// batched probe the first was found for the whole batch before), and each match (or, for outer kinds, the missing one) goes on as the result selector's row. An existence join
    /// only asks whether the key is there: a semi join passes the row on when it is, an anti join when it is not, a
    /// mark join always, with the answer.
    /// </summary>
    private Expression Probe(HashJoinExec node)
    {
        var join = node.Join;
        var buildType = node.Build.ElementType;
        var lookupType = typeof(JoinLookup<,>).MakeGenericType(join.KeyType, buildType);
        var lookup = _context.Declare(
            lookupType,
            "lookup",
            Expression.Convert(Expression.Call(_context.Control, nameof(TaskControl.JoinLookup), null, Expression.Constant(node.Id)), lookupType));
        var key = ExpressionUtil.Inline(join.StreamsLeft ? join.LeftKey : join.RightKey, _row);
        var probed = _context.ProbedJoin == node.Id;
        if (join.Kind == JoinKind.Group)
        {
            return VirtualRow.Bind(ExpressionUtil.Inline(join.ResultSelector, _row, Expression.Call(lookup, "Group", null, key)), _next);
        }

        if (join.Kind.IsExistence())
        {
            Expression Existing(Expression matched) => VirtualRow.Bind(ExpressionUtil.Inline(join.ResultSelector, _row, matched), _next);
            var found = Expression.Variable(typeof(bool), "found");
            return Expression.Block(
                [found],
                Expression.Assign(found, probed ? Expression.GreaterThanOrEqual(_context.ProbedMatch!, Expression.Constant(0)) : Expression.Call(lookup, nameof(JoinLookup<int, int>.Contains), null, key)),
                join.Kind switch
                {
                    JoinKind.Semi => Expression.IfThen(found, Existing(Expression.Constant(true))),
                    JoinKind.Anti => Expression.IfThen(Expression.Not(found), Existing(Expression.Constant(false))),
                    _ => Existing(found),
                });
        }

        Expression Result(Expression buildRow) => VirtualRow.Bind(
            join.StreamsLeft ? ExpressionUtil.Inline(join.ResultSelector, _row, buildRow) : ExpressionUtil.Inline(join.ResultSelector, buildRow, _row),
            _next);

        var match = Expression.Variable(typeof(int), "match");
        var done = Expression.Label("matched");
        var loop = Expression.Loop(
            Expression.IfThenElse(
                Expression.GreaterThanOrEqual(match, Expression.Constant(0)),
                Expression.Block(
                    Matched(node, lookup, match, Result),
                    Expression.Assign(match, Expression.Call(lookup, "Next", null, match))),
                Expression.Break(done)),
            done);
        var noMatch = join.Kind == JoinKind.Inner ? Expression.Empty() : Result(Expression.Default(buildType));
        return Expression.Block(
            [match],
            Expression.Assign(match, probed ? _context.ProbedMatch! : Expression.Call(lookup, "First", null, key)),
            Expression.IfThenElse(Expression.LessThan(match, Expression.Constant(0)), noMatch, loop));
    }

    /// <summary>The code for one matching build row: a row object from the lookup, or a virtual row over its columns.</summary>
    private Expression Matched(HashJoinExec node, ParameterExpression lookup, ParameterExpression match, Func<Expression, Expression> result)
    {
        var buildType = node.Build.ElementType;
        if (!node.BuildsFromColumns)
        {
            var values = _context.Declare(buildType.MakeArrayType(), "buildRows", Expression.Property(lookup, "Values"));
            return result(Expression.ArrayIndex(values, match));
        }

        var encoder = Encoders.For(buildType, node.Build.OutputColumns == ColumnLayout.Stored);
        var columns = new ColumnLocals(encoder);
        _context.DeclareAll(columns.All, columns.Load(Expression.Property(lookup, "Batch")));
        var rowIndexes = _context.Declare(typeof(int[]), "buildRowIndexes", Expression.Property(lookup, "Rows"));
        var buildRow = Expression.Variable(buildType, "buildRow");
        var at = Expression.Variable(typeof(int), "buildAt");
        var (body, readRow) = KernelCompiler.BindVirtualRow(result(buildRow), buildRow, encoder, columns, at);
        return Expression.Block([buildRow, at], Expression.Assign(at, Expression.ArrayIndex(rowIndexes, match)), readRow, body);
    }
}
