using System.Linq.Expressions;
using Linq.Spark.Internal;
using Linq.Spark.Planning.Logical;

namespace Linq.Spark.Planning.Optimization;

/// <summary>Merges two adjacent filters into one predicate joined with &amp;&amp; (short-circuit keeps the order of evaluation).</summary>
internal sealed class CombineFilters : IOptimizerRule
{
    public string Name => nameof(CombineFilters);

    public LogicalNode? Apply(LogicalNode node)
    {
        if (node is not FilterNode { Child: FilterNode inner } outer)
        {
            return null;
        }

        var x = inner.Predicate.Parameters[0];
        var body = Expression.AndAlso(inner.Predicate.Body, ExpressionUtil.Inline(outer.Predicate, x));
        return new FilterNode(inner.Child, Expression.Lambda(body, x));
    }
}
