using System.Linq.Expressions;

namespace Linq.Spark.Compilation;

/// <summary>
/// Replaces member reads of one row variable, outside nested lambdas (which may outlive the row): the base of the
/// rewriters that read a row's members from locals or columns instead of from the object.
/// </summary>
internal abstract class RowMemberRewriter(ParameterExpression row) : ExpressionVisitor
{
    private int _lambdaDepth;

    /// <summary>The row variable whose member reads are replaced.</summary>
    protected ParameterExpression Row { get; } = row;

    /// <summary>Whether the visitor is outside every nested lambda.</summary>
    protected bool AtTopLevel => _lambdaDepth == 0;

    /// <summary>The replacement for a read of <paramref name="member"/> of the row, or null to keep the read.</summary>
    protected abstract Expression? Replace(MemberExpression member);

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        _lambdaDepth++;
        var result = base.VisitLambda(node);
        _lambdaDepth--;
        return result;
    }

    protected override Expression VisitMember(MemberExpression node) =>
        (AtTopLevel && node.Expression == Row ? Replace(node) : null) ?? base.VisitMember(node);
}
