using Linq.Spark.Execution;
using Linq.Spark.Buffers;

namespace Linq.Spark.Planning.Physical;

/// <summary>
/// Narrow operators (Select, Where) after a driver-side final step such as a top-n or a global limit: they run on
/// the driver over the few final rows, so the query needs no exchange to a single partition.
/// </summary>
internal sealed class DriverStepsExec : ExecNode, IDriverFinal
{
    private readonly Pipeline _steps;

    public DriverStepsExec(PlanContext plan, ExecNode top, ExecNode final)
        : base(plan)
    {
        Top = top;
        Final = (IDriverFinal)final;
        FinalNode = final;
        _steps = Pipeline.Collecting(Replace(top, final, new DriverRowsExec(plan, final.ElementType)));
    }

    /// <summary>The narrow operators over the final step, as Explain prints them.</summary>
    public ExecNode Top { get; }

    public ExecNode FinalNode { get; }

    private IDriverFinal Final { get; }

    public override Type ElementType => Top.ElementType;

    public override IReadOnlyList<ExecNode> Children => [FinalNode];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new DriverStepsExec(Plan, Replace(Top, FinalNode, children[0]), children[0]);

    public ExecNode WithInput(ExecNode input)
    {
        var final = Final.WithInput(input);
        return new DriverStepsExec(Plan, Replace(Top, FinalNode, final), final);
    }

    public override Partitioning OutputPartitioning => new SinglePartitioning();

    public override bool OutputOrdered => Top.OutputOrdered;

    public ExecNode Input => Final.Input;

    public override System.Linq.Expressions.Expression? RowsNeeded => FinalNode.RowsNeeded;

    public override string Describe() => Top.Describe();

    public PartitionData Finish(IReadOnlyList<PartitionData> partials, TaskContext driver)
    {
        var rows = Final.Finish(partials, driver);
        return _steps.Collect(new TaskContext(driver.Job, driver.StageId, 0, 1) { DriverRows = rows }, 0);
    }

    private static ExecNode Replace(ExecNode node, ExecNode target, ExecNode replacement) =>
        ReferenceEquals(node, target) ? replacement : node.WithChildren([.. node.Children.Select(c => Replace(c, target, replacement))]);
}
