using System.Linq.Expressions;
using System.Reflection;
using Linq.Spark.Internal;

namespace Linq.Spark.Compilation;

/// <summary>
/// Hands a new row to the operators above without building it, when it is an anonymous-type creation (a projection,
/// a join's transparent identifier): its member values sit in locals (a variable of the code below is used as is),
/// member reads above read those, and the object is built once only if something still uses it whole.
/// </summary>
internal static class VirtualRow
{
    /// <summary>The code that evaluates <paramref name="value"/> and runs <paramref name="next"/> on it.</summary>
    public static Expression Bind(Expression value, Func<Expression, Expression> next)
    {
        var row = Expression.Variable(value.Type, "projected");
        if (value is not NewExpression { Members: { } members, Constructor: { } constructor } created)
        {
            return Expression.Block([row], Expression.Assign(row, value), next(row));
        }

        // Arguments are evaluated in order, as the constructor call would evaluate them.
        var variables = new List<ParameterExpression> { row };
        var statements = new List<Expression>();
        var parts = new Expression[created.Arguments.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            if (created.Arguments[i] is ParameterExpression variable)
            {
                parts[i] = variable;
                continue;
            }

            var local = Expression.Variable(created.Arguments[i].Type, "p_" + members[i].Name);
            variables.Add(local);
            statements.Add(Expression.Assign(local, created.Arguments[i]));
            parts[i] = local;
        }

        var body = new MemberFolder(row, members, parts).Visit(next(row));
        if (ExpressionUtil.References(body, [row]))
        {
            statements.Add(Expression.Assign(row, Expression.New(constructor, parts, members)));
        }

        statements.Add(body);
        return Expression.Block(variables, statements);
    }

    /// <summary>Turns member reads of the virtual row into its parts.</summary>
    private sealed class MemberFolder(ParameterExpression row, IReadOnlyList<MemberInfo> members, Expression[] parts) : RowMemberRewriter(row)
    {
        protected override Expression? Replace(MemberExpression member)
        {
            for (var m = 0; m < members.Count; m++)
            {
                if (members[m].Name == member.Member.Name)
                {
                    return parts[m];
                }
            }

            return null;
        }
    }
}
