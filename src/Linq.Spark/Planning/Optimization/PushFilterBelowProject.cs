using System.Linq.Expressions;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Optimization;

/// <summary>Moves a filter under a projection of plain members, so rows are dropped before the projection builds them.</summary>
internal sealed class PushFilterBelowProject : IOptimizerRule
{
    public string Name => nameof(PushFilterBelowProject);

    public LogicalNode? Apply(LogicalNode node)
    {
        if (node is not FilterNode { Child: ProjectNode project } filter || !PureInliner.IsPureProjection(project.Selector.Body)
            || project.Selector.Body is ParameterExpression)
        {
            return null;
        }

        var predicate = PureInliner.TryInline(filter.Predicate, project.Selector.Body);
        if (predicate is null)
        {
            return null;
        }

        var pushed = new FilterNode(project.Child, Expression.Lambda(predicate, project.Selector.Parameters));
        return new ProjectNode(pushed, project.Selector);
    }
}
