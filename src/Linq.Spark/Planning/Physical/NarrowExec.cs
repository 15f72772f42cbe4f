using System.Linq.Expressions;
using Linq.Spark.Compilation;

namespace Linq.Spark.Planning.Physical;

/// <summary>An operator fused into its stage's loop: it wraps the code of the operators above it around each input row.</summary>
internal abstract class NarrowExec(PlanContext plan, ExecNode input) : ExecNode(plan)
{
    /// <summary>The child whose rows stream through this operator.</summary>
    public ExecNode Input { get; } = input;

    public override IReadOnlyList<ExecNode> Children => [Input];

    public override Partitioning OutputPartitioning => new UnknownPartitioning(Input.NumPartitions);

    /// <summary>Code for one input row; <paramref name="next"/> emits the code consuming an output row.</summary>
    public abstract Expression Consume(KernelContext context, Expression row, Func<Expression, Expression> next);

    /// <summary>Why this operator cannot run as SIMD over columns, or null if it could.</summary>
    public virtual string? NotVectorizedReason => "row-mode kernel";
}
