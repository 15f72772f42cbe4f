using System.Linq.Expressions;
using Linq.Spark.Compilation;
using Linq.Spark.Execution;
using Linq.Spark.Execution.Buffers;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// A hash join fused into the streamed side's stage: a lookup is built over the build side's rows, and each streamed
/// row probes it in the kernel, so streamed rows read from columns are never built as objects unless the result uses
/// them whole. The streamed side is the outer one, except for RightJoin, which streams the inner.
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

        Expression Result(Expression match) => VirtualRow.Bind(
            StreamsLeft ? ExpressionUtil.Inline(Logical.ResultSelector, row, match) : ExpressionUtil.Inline(Logical.ResultSelector, match, row),
            next);

        // Walk the chain of build rows with this key: First, then Next until -1.
        var match = Expression.Variable(typeof(int), "match");
        var values = context.Declare(buildType.MakeArrayType(), "buildRows", Expression.Property(lookup, "Values"));
        var done = Expression.Label("matched");
        var loop = Expression.Loop(
            Expression.IfThenElse(
                Expression.GreaterThanOrEqual(match, Expression.Constant(0)),
                Expression.Block(
                    Result(Expression.ArrayIndex(values, match)),
                    Expression.Assign(match, Expression.Call(lookup, "Next", null, match))),
                Expression.Break(done)),
            done);
        var noMatch = Logical.Kind == JoinKind.Inner ? Expression.Empty() : Result(Expression.Default(buildType));
        return Expression.Block(
            [match],
            Expression.Assign(match, Expression.Call(lookup, "First", null, key)),
            Expression.IfThenElse(Expression.LessThan(match, Expression.Constant(0)), noMatch, loop));
    }
}
