using System.Linq.Expressions;

namespace Linq.Spark.Internal;

/// <summary>Folds <c>new { A = e }.A</c> back to <c>e</c> (and the same for member initializers and tuples).</summary>
internal static class MemberFolding
{
    public static Expression Fold(Expression expression) => new MemberFolder().Visit(expression);

    private sealed class MemberFolder : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            var inner = Visit(node.Expression);
            switch (inner)
            {
                case NewExpression { Members: not null } n:
                    for (var i = 0; i < n.Members.Count; i++)
                    {
                        if (SameMember(n.Members[i], node.Member))
                        {
                            return n.Arguments[i];
                        }
                    }

                    break;
                case NewExpression n when Throwing.IsValueTuple(n.Type) && node.Member is System.Reflection.FieldInfo field:
                    return n.Arguments[field.Name == "Rest" ? 7 : int.Parse(field.Name.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture) - 1];
                case MemberInitExpression m:
                    foreach (var binding in m.Bindings)
                    {
                        if (binding is MemberAssignment a && SameMember(a.Member, node.Member))
                        {
                            return a.Expression;
                        }
                    }

                    break;
            }

            return node.Update(inner);
        }

        private static bool SameMember(System.Reflection.MemberInfo a, System.Reflection.MemberInfo b) =>
            a == b || (a.Name == b.Name && a.DeclaringType == b.DeclaringType)
            || (a is System.Reflection.MethodInfo getter && b is System.Reflection.PropertyInfo p && p.GetMethod == getter);
    }
}
