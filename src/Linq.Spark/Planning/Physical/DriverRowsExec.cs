namespace Linq.Spark.Planning.Physical;

/// <summary>The rows a driver-side final step produced, as the source of the narrow operators that follow it on the driver.</summary>
internal sealed class DriverRowsExec(PlanContext plan, Type elementType, int id = -1) : ExecNode(plan, id)
{
    public override Type ElementType { get; } = elementType;

    public override IReadOnlyList<ExecNode> Children => [];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => this;

    public override Partitioning OutputPartitioning => new SinglePartitioning();

    public override bool OutputOrdered => true;

    public override string Describe() => "DriverRows";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitDriverRows(this);
}
