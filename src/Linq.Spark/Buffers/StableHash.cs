using System.Linq.Expressions;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Linq.Spark.Buffers;

/// <summary>
/// The hash a shuffle partitions by: the same for equal keys in every process, as a cluster's map tasks on different
/// workers must agree on each key's reducer. .NET's own string hash and <see cref="HashCode"/> are seeded at random
/// per process, so a string is hashed with XxHash3 over its UTF-16 code units, and a tuple, anonymous type, record or
/// plain struct — whose equality is that of its fields — combines its fields' stable hashes. Numbers, dates, Guids
/// and enums keep their own GetHashCode, which depends on the value alone. A type with its own equality keeps its
/// GetHashCode, which must then depend on the value alone in cluster mode.
/// </summary>
internal static class StableHash
{
    /// <summary>How deep a key's fields are followed; deeper ones use their own GetHashCode.</summary>
    private const int MaxDepth = 4;

    private static readonly MethodInfo StringHash = typeof(StableHash).GetMethod(nameof(String), [typeof(string)])!;
    private static readonly MethodInfo CombineMethod = typeof(StableHash).GetMethod(nameof(Combine))!;

    /// <summary>A string's hash, the same in every process.</summary>
    public static int String(string value)
    {
        var hash = System.IO.Hashing.XxHash3.HashToUInt64(MemoryMarshal.AsBytes(value.AsSpan()));
        return (int)hash ^ (int)(hash >> 32);
    }

    /// <summary>Folds one field's hash into the hash of the fields before it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Combine(int hash, int field) => (int)BitOperations.RotateLeft((uint)(hash ^ field) * 0x9E3779B1u, 13);

    /// <summary>
    /// The hash of a key under a query's own comparer: the stable hash where the comparer is the default or an
    /// ordinal string comparer, else the comparer's, which must then depend on the value alone in cluster mode.
    /// </summary>
    public static int Of<T>(IEqualityComparer<T>? comparer, T key)
    {
        if (key is null)
        {
            return 0;
        }

        if (comparer is null || ReferenceEquals(comparer, EqualityComparer<T>.Default))
        {
            return Cache<T>.Hash(key);
        }

        if (key is string text)
        {
            if (ReferenceEquals(comparer, StringComparer.Ordinal))
            {
                return String(text);
            }

            if (ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase))
            {
                return String(text.ToUpperInvariant());
            }
        }

        return comparer.GetHashCode(key);
    }

    /// <summary>The stable hash of any key, through a delegate compiled once per type (kernels use <see cref="Inline"/> instead).</summary>
    public static int Of<T>(T key) => Cache<T>.Hash(key);

    /// <summary>An expression for the stable hash of <paramref name="key"/> (evaluated once); null hashes to 0, as in LINQ.</summary>
    public static Expression Inline(Expression key) => Of(key, 0);

    private static Expression Of(Expression key, int depth)
    {
        var type = key.Type;
        if (type == typeof(string))
        {
            return NullOrElse(key, k => Expression.Call(StringHash, k));
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return NullOrElse(key, k => Of(Expression.Property(k, "Value"), depth));
        }

        if (depth < MaxDepth && ComparesFields(type))
        {
            return NullOrElse(key, k => Fields(k, depth));
        }

        return NullOrElse(key, OwnHashCode);
    }

    /// <summary>The key's own GetHashCode, called on its own type where it declares one (no boxing).</summary>
    private static Expression OwnHashCode(Expression key)
    {
        if (key.Type.IsEnum)
        {
            // An enum's hash is its underlying number's.
            return OwnHashCode(Expression.Convert(key, Enum.GetUnderlyingType(key.Type)));
        }

        var method = key.Type.GetMethod(nameof(GetHashCode), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)!;
        return method.DeclaringType == key.Type || !key.Type.IsValueType
            ? Expression.Call(key, method)
            : Expression.Call(Expression.Convert(key, typeof(object)), typeof(object).GetMethod(nameof(GetHashCode))!);
    }

    /// <summary>The fields' hashes folded in declaration order.</summary>
    private static Expression Fields(Expression key, int depth)
    {
        var fields = InstanceFields(key.Type);
        Expression hash = Expression.Constant(fields.Length);
        foreach (var field in fields)
        {
            hash = Expression.Call(CombineMethod, hash, Of(Expression.Field(key, field), depth + 1));
        }

        return hash;
    }

    /// <summary>Evaluates <paramref name="key"/> once; a null reference or empty nullable hashes to 0.</summary>
    private static Expression NullOrElse(Expression key, Func<Expression, Expression> hash)
    {
        var canBeNull = !key.Type.IsValueType || Nullable.GetUnderlyingType(key.Type) is not null;
        if (!canBeNull && key is ParameterExpression or MemberExpression { Expression: ParameterExpression })
        {
            return hash(key);
        }

        var value = Expression.Variable(key.Type, "key");
        Expression body = hash(value);
        if (canBeNull)
        {
            Expression isNull = key.Type.IsValueType
                ? Expression.Not(Expression.Property(value, "HasValue"))
                : Expression.ReferenceEqual(value, Expression.Constant(null, key.Type));
            body = Expression.Condition(isNull, Expression.Constant(0), body);
        }

        return Expression.Block([value], Expression.Assign(value, key), body);
    }

    /// <summary>Whether equal keys of <paramref name="type"/> are those with equal fields: tuples, anonymous types, records and structs without their own equality.</summary>
    private static bool ComparesFields(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || type.IsPointer || type.IsArray || type.IsInterface || type.IsAbstract || type == typeof(object))
        {
            return false;
        }

        if (type.IsGenericType && (type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true
            || type.FullName?.StartsWith("System.Tuple`", StringComparison.Ordinal) == true
            || type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>)))
        {
            return true;
        }

        if (type.Assembly == typeof(object).Assembly)
        {
            // decimal, DateTime, Guid and the like: their own hash depends on the value alone.
            return false;
        }

        var getHashCode = type.GetMethod(nameof(GetHashCode), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)!;
        if (type.IsValueType)
        {
            // ValueType.GetHashCode compares fields as Equals does; a struct with its own GetHashCode keeps it.
            return getHashCode.DeclaringType == typeof(ValueType);
        }

        // Anonymous types and records: their Equals and GetHashCode are the compiler's, over every field.
        return getHashCode.DeclaringType == type && getHashCode.IsDefined(typeof(CompilerGeneratedAttribute), false)
            || type.IsDefined(typeof(CompilerGeneratedAttribute), false) && type.Name.Contains("AnonymousType", StringComparison.Ordinal);
    }

    private static FieldInfo[] InstanceFields(Type type) =>
        [.. type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).OrderBy(f => f.MetadataToken)];

    private static class Cache<T>
    {
        public static readonly Func<T, int> Hash = Compile();

        private static Func<T, int> Compile()
        {
            var key = Expression.Parameter(typeof(T), "key");
            return Expression.Lambda<Func<T, int>>(Inline(key), key).Compile();
        }
    }
}
