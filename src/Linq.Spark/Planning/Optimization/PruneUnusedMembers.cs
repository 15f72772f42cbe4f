using System.Linq.Expressions;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Optimization;

/// <summary>
/// Fuses a projection into the one above it when the lower one only gathers members (query syntax's <c>let</c> and
/// transparent identifiers): members no later operator reads are then never computed.
/// </summary>
internal sealed class PruneUnusedMembers : IOptimizerRule
{
    public string Name => nameof(PruneUnusedMembers);

    public LogicalNode? Apply(LogicalNode node)
    {
        if (node is not ProjectNode { Child: ProjectNode lower } upper || !PureInliner.IsPureProjection(lower.Selector.Body))
        {
            return null;
        }

        var body = PureInliner.TryInline(upper.Selector, lower.Selector.Body);
        return body is null ? null : new ProjectNode(lower.Child, Expression.Lambda(body, lower.Selector.Parameters));
    }
}
