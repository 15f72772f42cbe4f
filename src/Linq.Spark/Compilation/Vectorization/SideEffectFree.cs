using System.Linq.Expressions;
using Linq.Spark.Internal;

namespace Linq.Spark.Compilation.Vectorization;

/// <summary>
/// Whether an expression only computes a value: members, literals, arithmetic, conversions, conditionals, anonymous
/// types, tuples and Math calls. Anything that may run user code (other calls, constructors of named types) is not.
/// </summary>
internal static class SideEffectFree
{
    public static bool Check(Expression expression)
    {
        var checker = new Checker();
        checker.Visit(expression);
        return checker.Pure;
    }

    private sealed class Checker : ExpressionVisitor
    {
        public bool Pure { get; private set; } = true;

        public override Expression? Visit(Expression? node)
        {
            switch (node)
            {
                case null:
                    return null;
                case MethodCallExpression call when call.Method.DeclaringType != typeof(Math):
                case NewExpression { Members: null } when node.Type != typeof(DateOnly) && !Throwing.IsValueTuple(node.Type):
                case InvocationExpression or LambdaExpression or MemberInitExpression or ListInitExpression or NewArrayExpression:
                case MemberExpression { Member: System.Reflection.PropertyInfo } m when m.Expression is not ParameterExpression && !IsKnownProperty(m):
                case UnaryExpression { Method: not null }:
                case BinaryExpression { Method: not null } b when b.Method.DeclaringType != typeof(DateOnly):
                    Pure = false;
                    return node;
                default:
                    return base.Visit(node);
            }
        }

        /// <summary>Properties of records and anonymous types are plain reads; others may compute.</summary>
        private static bool IsKnownProperty(MemberExpression member) =>
            member.Member.DeclaringType is { } type
            && (type.Name.StartsWith("<>f__AnonymousType", StringComparison.Ordinal)
                || type.GetMethod("<Clone>$") is not null
                || (Nullable.GetUnderlyingType(type) is not null && member.Member.Name is "Value" or "HasValue")
                || type == typeof(DateOnly));
    }
}
