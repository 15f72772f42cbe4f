namespace Linq.Spark.Planning.Physical;

/// <summary>An operator fused into its stage's loop: each input row flows through it into the operators above.</summary>
internal abstract class NarrowExec(PlanContext plan, ExecNode input, int id) : ExecNode(plan, id)
{
    /// <summary>The child whose rows stream through this operator.</summary>
    public ExecNode Input { get; } = input;

    public override IReadOnlyList<ExecNode> Children => [Input];

    public override Partitioning OutputPartitioning => new UnknownPartitioning(Input.NumPartitions);

    public override bool IsNarrow => true;
}
