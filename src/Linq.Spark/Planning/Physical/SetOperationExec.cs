using System.Linq.Expressions;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>Intersect/Except (and their By forms) after both sides were hash-shuffled on the key.</summary>
internal sealed class SetOperationExec(
    PlanContext plan, ExecNode left, ExecNode right, SetOperationKind kind, LambdaExpression leftKey, LambdaExpression rightKey, Expression? comparer, int id = -1)
    : ExecNode(plan, id)
{
    public SetOperationKind Kind { get; } = kind;

    public LambdaExpression LeftKey { get; } = leftKey;

    public LambdaExpression RightKey { get; } = rightKey;

    public Expression? Comparer { get; } = comparer;

    public ExecNode Left => Children[0];

    public ExecNode Right => Children[1];

    public override Type ElementType => left.ElementType;

    public override IReadOnlyList<ExecNode> Children { get; } = [left, right];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) =>
        new SetOperationExec(Plan, children[0], children[1], Kind, LeftKey, RightKey, Comparer, Id);

    public override IReadOnlyList<Distribution> RequiredChildDistribution =>
    [
        new ClusteredDistribution(LeftKey, Comparer, Plan.ShufflePartitions),
        new ClusteredDistribution(RightKey, Comparer, Plan.ShufflePartitions),
    ];

    public override bool OutputOrdered => false;

    public override string Describe() => $"{Kind}(key=[{LeftKey.Body}])";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitSetOperation(this);
}
