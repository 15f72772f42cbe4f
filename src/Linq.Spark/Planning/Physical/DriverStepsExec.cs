namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Narrow operators (Select, Where) after a driver-side final step such as a top-n or a global limit: they run on
/// the driver over the few final rows, so the query needs no exchange to a single partition.
/// </summary>
/// <param name="plan">The plan.</param>
/// <param name="final">The driver-side final step.</param>
/// <param name="steps">The narrow operators over the final step's rows, their lowest one reading a <see cref="DriverRowsExec"/>.</param>
/// <param name="id">The operator id, or -1 for a new one.</param>
internal sealed class DriverStepsExec(PlanContext plan, ExecNode final, ExecNode steps, int id = -1) : ExecNode(plan, id)
{
    /// <summary>The final step whose rows the steps read.</summary>
    public ExecNode Final { get; } = final;

    /// <summary>The top of the narrow steps, over a <see cref="DriverRowsExec"/>.</summary>
    public ExecNode Steps { get; } = steps;

    public override Type ElementType => Steps.ElementType;

    public override IReadOnlyList<ExecNode> Children => [Final];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new DriverStepsExec(Plan, children[0], Steps, Id);

    public override Partitioning OutputPartitioning => new SinglePartitioning();

    public override bool OutputOrdered => Steps.OutputOrdered;

    public override bool FinishesOnDriver => true;

    public override ExecNode DriverInput => Final.DriverInput;

    public override ExecNode WithDriverInput(ExecNode input) => new DriverStepsExec(Plan, Final.WithDriverInput(input), Steps, Id);

    public override System.Linq.Expressions.Expression? RowsNeeded => Final.RowsNeeded;

    /// <summary>The steps printed over the final step (as the query reads), in place of the driver rows.</summary>
    public override ExecNode PrintedTree => Substitute(Steps);

    public override IEnumerable<ExecNode> DriverOperators
    {
        get
        {
            for (var node = Steps; node.Children.Count > 0; node = node.Children[0])
            {
                yield return node;
            }

            yield return Final;
        }
    }

    public override string Describe() => Steps.Describe();

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitDriverSteps(this);

    private ExecNode Substitute(ExecNode node) =>
        node.Children.Count == 0 ? Final : node.WithChildren([Substitute(node.Children[0])]);
}
