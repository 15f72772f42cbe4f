using System.Linq.Expressions;
using Linq.Spark.Columnar;
using Linq.Spark.Compilation;
using Linq.Spark.Execution;
using Linq.Spark.Buffers;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// A hash join fused into the streamed side's stage: a lookup is built over the build side's rows, and each streamed
/// row probes it in the kernel. Rows of either side that sit in columns are read member by member and built as
/// objects only where the result uses them whole. The streamed side is the outer one, except for RightJoin.
/// </summary>
internal abstract class HashJoinExec : NarrowExec
{
    protected HashJoinExec(PlanContext plan, ExecNode stream, ExecNode build, JoinNode logical)
        : base(plan, stream)
    {
        Build = build;
        Logical = logical;
        Runtime = new Lazy<IJoinRuntime>(() => JoinRuntimeFactory.Create(plan, logical));
    }

    /// <summary>The side the lookup is built over.</summary>
    public ExecNode Build { get; }

    public JoinNode Logical { get; }

    /// <summary>Whether the left (outer) input is the streamed one.</summary>
    public bool StreamsLeft => Logical.Kind != JoinKind.Right;

    public override Type ElementType => Logical.ElementType;

    /// <summary>Left then right, whichever of them is streamed.</summary>
    public override IReadOnlyList<ExecNode> Children => StreamsLeft ? [Input, Build] : [Build, Input];

    protected Lazy<IJoinRuntime> Runtime { get; }

    /// <summary>The lookup over the build rows this task probes.</summary>
    public abstract object Lookup(TaskContext context);

    /// <summary>The build side's column layout when the lookup is built over columns (probes then read build rows from them); else null.</summary>
    protected virtual IEncoder? BuildColumns => null;

    public override Expression Consume(KernelContext context, Expression row, Func<Expression, Expression> next)
    {
        var keyType = Logical.LeftKey.ReturnType;
        var buildType = Build.ElementType;
        var lookupType = typeof(JoinLookup<,>).MakeGenericType(keyType, buildType);
        var lookup = context.Declare(
            lookupType,
            "lookup",
            Expression.Convert(Expression.Call(Expression.Constant(this), nameof(Lookup), null, context.TaskContext), lookupType));
        var streamKey = StreamsLeft ? Logical.LeftKey : Logical.RightKey;
        var key = ExpressionUtil.Inline(streamKey, row);
        if (Logical.Kind == JoinKind.Group)
        {
            return VirtualRow.Bind(ExpressionUtil.Inline(Logical.ResultSelector, row, Expression.Call(lookup, "Group", null, key)), next);
        }

        Expression Result(Expression buildRow) => VirtualRow.Bind(
            StreamsLeft ? ExpressionUtil.Inline(Logical.ResultSelector, row, buildRow) : ExpressionUtil.Inline(Logical.ResultSelector, buildRow, row),
            next);

        // Walk the chain of build rows with this key: First, then Next until -1.
        var match = Expression.Variable(typeof(int), "match");
        var done = Expression.Label("matched");
        var loop = Expression.Loop(
            Expression.IfThenElse(
                Expression.GreaterThanOrEqual(match, Expression.Constant(0)),
                Expression.Block(
                    Matched(context, lookup, match, Result),
                    Expression.Assign(match, Expression.Call(lookup, "Next", null, match))),
                Expression.Break(done)),
            done);
        var noMatch = Logical.Kind == JoinKind.Inner ? Expression.Empty() : Result(Expression.Default(buildType));
        return Expression.Block(
            [match],
            Expression.Assign(match, Expression.Call(lookup, "First", null, key)),
            Expression.IfThenElse(Expression.LessThan(match, Expression.Constant(0)), noMatch, loop));
    }

    /// <summary>The code for one matching build row: a row object from the lookup, or a virtual row over its columns.</summary>
    private Expression Matched(KernelContext context, ParameterExpression lookup, ParameterExpression match, Func<Expression, Expression> result)
    {
        if (BuildColumns is not { } encoder)
        {
            var values = context.Declare(Build.ElementType.MakeArrayType(), "buildRows", Expression.Property(lookup, "Values"));
            return result(Expression.ArrayIndex(values, match));
        }

        var columns = new ColumnLocals(encoder);
        context.DeclareAll(columns.All, columns.Load(Expression.Property(lookup, "Batch")));
        var rowIndexes = context.Declare(typeof(int[]), "buildRowIndexes", Expression.Property(lookup, "Rows"));
        var buildRow = Expression.Variable(Build.ElementType, "buildRow");
        var at = Expression.Variable(typeof(int), "buildAt");
        var (body, readRow) = KernelCompiler.BindVirtualRow(result(buildRow), buildRow, encoder, columns, at);
        return Expression.Block([buildRow, at], Expression.Assign(at, Expression.ArrayIndex(rowIndexes, match)), readRow, body);
    }
}
