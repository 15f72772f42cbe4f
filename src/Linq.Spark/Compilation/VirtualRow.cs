using System.Linq.Expressions;
using System.Reflection;
using Linq.Spark.Internal;

namespace Linq.Spark.Compilation;

/// <summary>
/// Hands a new row to the operators above without building it, when it is an anonymous-type or tuple creation (a
/// projection, a join's transparent identifier, a join input narrowed to the members it reads): its member values sit
/// in locals (a variable of the code below, or a plain member read, is used as is), member reads above read those, and
/// the object is built once only if something still uses it whole.
/// </summary>
internal static class VirtualRow
{
    /// <summary>The code that evaluates <paramref name="value"/> and runs <paramref name="next"/> on it.</summary>
    public static Expression Bind(Expression value, Func<Expression, Expression> next)
    {
        var row = Expression.Variable(value.Type, "projected");
        if (value is not NewExpression { Constructor: { } constructor } created || MembersOf(created) is not { } members)
        {
            return Expression.Block([row], Expression.Assign(row, value), next(row));
        }

        // Arguments are evaluated in order, as the constructor call would evaluate them; a plain read of a row's member
        // (which cannot throw) is left where it is read, so a column no operator above reads is never touched.
        var variables = new List<ParameterExpression> { row };
        var statements = new List<Expression>();
        var parts = new Expression[created.Arguments.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            if (created.Arguments[i] is ParameterExpression or ConstantExpression || IsPlainRead(created.Arguments[i]))
            {
                parts[i] = created.Arguments[i];
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
            statements.Add(Expression.Assign(row, created.Members is null ? Expression.New(constructor, parts) : Expression.New(constructor, parts, members)));
        }

        statements.Add(body);
        return Expression.Block(variables, statements);
    }

    /// <summary>The members a creation's arguments become: an anonymous type's, or a tuple's Item1… and Rest; null for other types.</summary>
    private static IReadOnlyList<MemberInfo>? MembersOf(NewExpression created) =>
        created.Members ?? (Throwing.IsValueTuple(created.Type)
            ? [.. created.Arguments.Select((_, i) => created.Type.GetField(i < 7 ? $"Item{i + 1}" : "Rest")!)]
            : null);

    /// <summary>Whether an expression only reads plain members of a row variable, so it may be evaluated where it is used.</summary>
    private static bool IsPlainRead(Expression expression) =>
        expression is MemberExpression { Expression: { } inner } member && !Throwing.MayThrow(member)
        && (inner is ParameterExpression || IsPlainRead(inner));

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
