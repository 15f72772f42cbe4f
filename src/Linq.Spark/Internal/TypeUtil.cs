namespace Linq.Spark.Internal;

/// <summary>Reflection helpers for sequence and element types.</summary>
internal static class TypeUtil
{
    /// <summary>The T of the first IEnumerable&lt;T&gt; the type implements, or null.</summary>
    public static Type? FindElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            return type.GetGenericArguments()[0];
        }

        foreach (var i in type.GetInterfaces())
        {
            if (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                return i.GetGenericArguments()[0];
            }
        }

        return null;
    }

    /// <summary>A short C#-like name for a type, for plans and messages.</summary>
    public static string ShortName(Type type)
    {
        if (type.IsGenericType)
        {
            var name = type.Name;
            var tick = name.IndexOf('`');
            if (name.StartsWith("<>f__AnonymousType", StringComparison.Ordinal))
            {
                return "AnonymousType";
            }

            return (tick > 0 ? name[..tick] : name) + "<" + string.Join(", ", type.GetGenericArguments().Select(ShortName)) + ">";
        }

        return type.Name;
    }

    /// <summary>Whether values of <paramref name="type"/> are plain bytes: a value type holding no references (its array's memory is its values).</summary>
    public static bool IsPlainBytes(Type type) =>
        type.IsValueType && PlainBytes.GetOrAdd(type, static t => !(bool)typeof(System.Runtime.CompilerServices.RuntimeHelpers)
            .GetMethod(nameof(System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences))!
            .MakeGenericMethod(t).Invoke(null, null)!);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> PlainBytes = new();

    /// <summary>Estimated in-memory size of one value of the type, for shuffle byte counts.</summary>
    public static int EstimatedSize(Type type)
    {
        if (type.IsValueType)
        {
            return (int)typeof(System.Runtime.CompilerServices.Unsafe).GetMethod(nameof(System.Runtime.CompilerServices.Unsafe.SizeOf))!
                .MakeGenericMethod(type).Invoke(null, null)!;
        }

        var size = 16;
        foreach (var field in type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
        {
            size += field.FieldType.IsValueType ? EstimatedSize(field.FieldType) : 8;
        }

        return size;
    }
}
