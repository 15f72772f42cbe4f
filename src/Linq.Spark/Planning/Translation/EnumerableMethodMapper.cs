using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Spark.Planning.Translation;

/// <summary>Maps a System.Linq.Queryable method to its System.Linq.Enumerable twin (same name and shape).</summary>
internal static class EnumerableMethodMapper
{
    private static readonly ConcurrentDictionary<MethodInfo, MethodInfo?> Cache = new();

    /// <summary>The Enumerable method for a closed Queryable method, or null when there is none.</summary>
    public static MethodInfo? Map(MethodInfo queryableMethod)
    {
        var definition = queryableMethod.IsGenericMethod ? queryableMethod.GetGenericMethodDefinition() : queryableMethod;
        var mapped = Cache.GetOrAdd(definition, FindDefinition);
        if (mapped is null)
        {
            return null;
        }

        return mapped.IsGenericMethodDefinition ? mapped.MakeGenericMethod(queryableMethod.GetGenericArguments()) : mapped;
    }

    /// <summary>Rewrites a Queryable call over <paramref name="rows"/> into the Enumerable call, unquoting lambdas.</summary>
    public static Expression Rewrite(MethodCallExpression call, Expression rows)
    {
        var method = Map(call.Method)
            ?? throw new NotSupportedException($"Queryable.{call.Method.Name} has no LINQ to Objects counterpart: {call}");
        var arguments = new Expression[call.Arguments.Count];
        arguments[0] = rows;
        var parameters = method.GetParameters();
        for (var i = 1; i < arguments.Length; i++)
        {
            var argument = call.Arguments[i];
            while (argument.NodeType == ExpressionType.Quote)
            {
                argument = ((UnaryExpression)argument).Operand;
            }

            arguments[i] = argument.Type == parameters[i].ParameterType || parameters[i].ParameterType.IsAssignableFrom(argument.Type)
                ? argument
                : Expression.Convert(argument, parameters[i].ParameterType);
        }

        return Expression.Call(method, arguments);
    }

    private static MethodInfo? FindDefinition(MethodInfo queryable)
    {
        var wanted = queryable.GetParameters();
        foreach (var candidate in typeof(Enumerable).GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            if (candidate.Name != queryable.Name
                || candidate.IsGenericMethodDefinition != queryable.IsGenericMethodDefinition
                || (candidate.IsGenericMethodDefinition && candidate.GetGenericArguments().Length != queryable.GetGenericArguments().Length))
            {
                continue;
            }

            var parameters = candidate.GetParameters();
            if (parameters.Length != wanted.Length)
            {
                continue;
            }

            var match = true;
            for (var i = 0; i < parameters.Length && match; i++)
            {
                match = SameShape(Normalize(wanted[i].ParameterType), parameters[i].ParameterType);
            }

            if (match)
            {
                return candidate;
            }
        }

        return null;
    }

    private static Type Normalize(Type type)
    {
        if (!type.IsGenericType)
        {
            return type;
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(IQueryable<>) || definition == typeof(IOrderedQueryable<>))
        {
            return (definition == typeof(IQueryable<>) ? typeof(IEnumerable<>) : typeof(IOrderedEnumerable<>))
                .MakeGenericType(type.GetGenericArguments());
        }

        if (definition == typeof(Expression<>))
        {
            return type.GetGenericArguments()[0];
        }

        return type;
    }

    private static bool SameShape(Type a, Type b)
    {
        if (a.IsGenericParameter && b.IsGenericParameter)
        {
            return a.GenericParameterPosition == b.GenericParameterPosition;
        }

        if (a.IsGenericType != b.IsGenericType || a.IsArray != b.IsArray)
        {
            return false;
        }

        if (a.IsArray)
        {
            return SameShape(a.GetElementType()!, b.GetElementType()!);
        }

        if (!a.IsGenericType)
        {
            return a == b;
        }

        if (a.GetGenericTypeDefinition() != b.GetGenericTypeDefinition())
        {
            return false;
        }

        var x = a.GetGenericArguments();
        var y = b.GetGenericArguments();
        for (var i = 0; i < x.Length; i++)
        {
            if (!SameShape(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }
}
