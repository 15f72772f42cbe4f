using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Spark.Query;

/// <summary>
/// C# 14 binds <c>array.Contains(x)</c> to <c>MemoryExtensions.Contains(ReadOnlySpan&lt;T&gt;, T)</c> through an implicit
/// array-to-span conversion. A span is a ref struct: it cannot be boxed into a parameter slot or captured by a
/// compiled kernel. The calls LINQ users write this way are rewritten back to their Enumerable twins over the array,
/// which mean the same; any other span in a query is refused with the expression.
/// </summary>
internal sealed class SpanCallRewriter : ExpressionVisitor
{
    private static readonly MethodInfo EnumerableContains = Enumerable(nameof(System.Linq.Enumerable.Contains), 2);
    private static readonly MethodInfo EnumerableContainsWithComparer = Enumerable(nameof(System.Linq.Enumerable.Contains), 3);
    private static readonly MethodInfo EnumerableSequenceEqual = Enumerable(nameof(System.Linq.Enumerable.SequenceEqual), 2);

    private SpanCallRewriter()
    {
    }

    /// <summary>The query with span calls over arrays turned into Enumerable calls.</summary>
    public static Expression Rewrite(Expression query) => new SpanCallRewriter().Visit(query)!;

    public override Expression? Visit(Expression? node) =>
        node is not null && IsSpan(node.Type)
            ? throw new NotSupportedException($"Linq.Spark cannot hold a span inside a query: {node}. Use an array or a List<T> instead.")
            : base.Visit(node);

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method.DeclaringType != typeof(MemoryExtensions) || !node.Method.IsGenericMethod)
        {
            return base.VisitMethodCall(node);
        }

        var enumerable = node.Method.Name switch
        {
            nameof(MemoryExtensions.Contains) when node.Arguments.Count == 2 => EnumerableContains,
            nameof(MemoryExtensions.Contains) when node.Arguments.Count == 3 => EnumerableContainsWithComparer,
            nameof(MemoryExtensions.SequenceEqual) when node.Arguments.Count == 2 => EnumerableSequenceEqual,
            _ => null,
        };
        var arguments = new Expression[node.Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = node.Arguments[i];
            var array = ArrayOf(argument);
            if (array is null && IsSpan(argument.Type))
            {
                throw Unsupported(node);
            }

            arguments[i] = Visit(array ?? argument)!;
        }

        if (enumerable is null)
        {
            throw Unsupported(node);
        }

        var element = node.Method.GetGenericArguments()[0];
        var parameters = enumerable.MakeGenericMethod(element).GetParameters();
        for (var i = 1; i < arguments.Length; i++)
        {
            if (arguments[i].Type != parameters[i].ParameterType)
            {
                arguments[i] = Expression.Convert(arguments[i], parameters[i].ParameterType);
            }
        }

        return Expression.Call(enumerable.MakeGenericMethod(element), arguments);
    }

    /// <summary>The array an implicit array-to-span conversion reads, or null when the expression is not one.</summary>
    private static Expression? ArrayOf(Expression expression) => expression switch
    {
        MethodCallExpression { Method.Name: "op_Implicit", Arguments: [var array] } call when IsSpan(call.Type) && array.Type.IsArray => array,
        UnaryExpression { NodeType: ExpressionType.Convert, Operand: var array } convert when IsSpan(convert.Type) && array.Type.IsArray => array,
        _ => null,
    };

    private static NotSupportedException Unsupported(MethodCallExpression call) =>
        new($"Linq.Spark cannot run MemoryExtensions.{call.Method.Name} over a span inside a query: {call}. Call it on an array or a List<T> instead.");

    private static bool IsSpan(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition && (definition == typeof(ReadOnlySpan<>) || definition == typeof(Span<>));

    private static MethodInfo Enumerable(string name, int parameters) =>
        typeof(Enumerable).GetMethods().Single(m => m.Name == name && m.GetParameters().Length == parameters && m.GetGenericArguments().Length == 1);
}
