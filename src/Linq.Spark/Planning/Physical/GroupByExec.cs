using System.Linq.Expressions;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Physical;

/// <summary>Materializing GroupBy after a hash shuffle on the key (Spark's groupByKey): groups keep source order inside.</summary>
internal sealed class GroupByExec(PlanContext plan, ExecNode child, GroupSpec group, int id = -1) : ExecNode(plan, id)
{
    public ExecNode Child { get; } = child;

    public GroupSpec Group { get; } = group;

    public override Type ElementType => Group.ResultType;

    public override IReadOnlyList<ExecNode> Children => [Child];

    public override ExecNode WithChildren(IReadOnlyList<ExecNode> children) => new GroupByExec(Plan, children[0], Group, Id);

    public override IReadOnlyList<Distribution> RequiredChildDistribution => [new ClusteredDistribution(Group.KeySelector, Group.Comparer, null)];

    public override bool OutputOrdered => false;

    public override string Describe() => $"GroupBy(key=[{Group.KeySelector.Body}]{(Group.ResultSelector is null ? "" : $", result={Group.ResultSelector.Body}")})";

    public override TResult Accept<TResult>(IExecVisitor<TResult> visitor) => visitor.VisitGroupBy(this);
}

/// <summary>What a materializing GroupBy computes: key, element and result selectors and the key comparer.</summary>
/// <param name="KeySelector">row => key.</param>
/// <param name="ElementSelector">row => element, or null for the row itself.</param>
/// <param name="ResultSelector">(key, elements) => result, or null for IGrouping objects.</param>
/// <param name="Comparer">An IEqualityComparer of the key, or null for the default.</param>
internal sealed record GroupSpec(LambdaExpression KeySelector, LambdaExpression? ElementSelector, LambdaExpression? ResultSelector, Expression? Comparer)
{
    public static GroupSpec Of(GroupByNode node) => new(node.KeySelector, node.ElementSelector, node.ResultSelector, node.Comparer);

    public Type InputType => KeySelector.Parameters[0].Type;

    public Type KeyType => KeySelector.ReturnType;

    public Type ElementType => ElementSelector?.ReturnType ?? InputType;

    public Type ResultType => ResultSelector?.ReturnType ?? typeof(IGrouping<,>).MakeGenericType(KeyType, ElementType);
}
