using System.Linq.Expressions;

namespace Linq.Spark.Planning.Physical;

/// <summary>One partition holding one value (the element of Append/Prepend).</summary>
internal sealed class ValuesExec(PlanContext plan, Expression value, int id = -1) : ExecNode(plan, id)
{
    /// <summary>The value's expression (a literal or a parameter slot).</summary>
    public Expression Value { get; } = value;

    public override Type ElementType => Value.Type;

    public override IReadOnlyList<ExecNode> Children => [];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => this;

    public override Partitioning OutputPartitioning => new SinglePartitioning();

    public override bool OutputOrdered => true;

    public override string Describe() => $"Values [{Value}]";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitValues(this);
}
