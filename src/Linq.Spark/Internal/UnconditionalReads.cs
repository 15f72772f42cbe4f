using System.Linq.Expressions;

namespace Linq.Spark.Internal;

/// <summary>
/// The parameters an expression reads whenever it is evaluated: not those read only on one side of a short-circuit
/// (&amp;&amp;, ||, ??), in one branch of a conditional, or inside a nested lambda.
/// </summary>
internal sealed class UnconditionalReads : ExpressionVisitor
{
    private readonly HashSet<ParameterExpression> _read = [];

    private UnconditionalReads()
    {
    }

    public static IReadOnlySet<ParameterExpression> Of(Expression expression)
    {
        var reads = new UnconditionalReads();
        reads.Visit(expression);
        return reads._read;
    }

    protected override Expression VisitParameter(ParameterExpression node)
    {
        _read.Add(node);
        return node;
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (node.NodeType is ExpressionType.AndAlso or ExpressionType.OrElse or ExpressionType.Coalesce)
        {
            Visit(node.Left);
            return node;
        }

        return base.VisitBinary(node);
    }

    protected override Expression VisitConditional(ConditionalExpression node)
    {
        Visit(node.Test);
        return node;
    }

    protected override Expression VisitLambda<T>(Expression<T> node) => node;

    protected override Expression VisitSwitch(SwitchExpression node)
    {
        Visit(node.SwitchValue);
        return node;
    }

    protected override Expression VisitTry(TryExpression node) => node;
}
