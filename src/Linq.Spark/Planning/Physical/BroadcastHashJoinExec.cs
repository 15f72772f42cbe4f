using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Execution.Buffers;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// A hash join fused into the streamed side's stage: the build side arrives as a broadcast lookup, and each streamed
/// row probes it in the kernel. The streamed side is the outer one, except for RightJoin, which streams the inner.
/// </summary>
internal sealed class BroadcastHashJoinExec : NarrowExec
{
    private readonly Lazy<IJoinRuntime> _runtime;

    public BroadcastHashJoinExec(PlanContext plan, ExecNode stream, BroadcastExchangeExec build, JoinNode logical)
        : base(plan, stream)
    {
        Build = build;
        Logical = logical;
        _runtime = new Lazy<IJoinRuntime>(() => JoinRuntimeFactory.Create(plan, logical));
    }

    public BroadcastExchangeExec Build { get; }

    public JoinNode Logical { get; }

    /// <summary>Whether the left (outer) input is the streamed one.</summary>
    public bool StreamsLeft => Logical.Kind != JoinKind.Right;

    public override Type ElementType => Logical.ElementType;

    public override IReadOnlyList<ExecNode> Children => StreamsLeft ? [Input, Build] : [Build, Input];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) =>
        StreamsLeft
            ? new BroadcastHashJoinExec(Plan, children[0], (BroadcastExchangeExec)children[1], Logical)
            : new BroadcastHashJoinExec(Plan, children[1], (BroadcastExchangeExec)children[0], Logical);

    public override bool OutputOrdered => Input.OutputOrdered;

    public override string Describe() => $"BroadcastHashJoin {Logical.Kind} [{Logical.LeftKey.Body}] = [{Logical.RightKey.Body}]";

    /// <summary>The lookup over the broadcast rows, built once per job.</summary>
    public object Lookup(Execution.TaskContext context) =>
        context.Job.BroadcastValue(this, rows => _runtime.Value.BuildLookup(rows, context.Parameters, leftSide: !StreamsLeft));

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
            return next(ExpressionUtil.Inline(Logical.ResultSelector, row, Expression.Call(lookup, "Group", null, key)));
        }

        Expression Result(Expression match) =>
            StreamsLeft ? ExpressionUtil.Inline(Logical.ResultSelector, row, match) : ExpressionUtil.Inline(Logical.ResultSelector, match, row);

        // Walk the chain of build rows with this key: First, then Next until -1.
        var match = Expression.Variable(typeof(int), "match");
        var values = context.Declare(buildType.MakeArrayType(), "buildRows", Expression.Property(lookup, "Values"));
        var done = Expression.Label("matched");
        var loop = Expression.Loop(
            Expression.IfThenElse(
                Expression.GreaterThanOrEqual(match, Expression.Constant(0)),
                Expression.Block(
                    next(Result(Expression.ArrayIndex(values, match))),
                    Expression.Assign(match, Expression.Call(lookup, "Next", null, match))),
                Expression.Break(done)),
            done);
        var noMatch = Logical.Kind == JoinKind.Inner ? Expression.Empty() : next(Result(Expression.Default(buildType)));
        return Expression.Block(
            [match],
            Expression.Assign(match, Expression.Call(lookup, "First", null, key)),
            Expression.IfThenElse(Expression.LessThan(match, Expression.Constant(0)), noMatch, loop));
    }
}
