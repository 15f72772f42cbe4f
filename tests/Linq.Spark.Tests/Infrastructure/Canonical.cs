using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Linq.Spark.Tests;

/// <summary>Turns any result value into a <see cref="CanonicalValue"/>.</summary>
/// <remarks>
/// IGrouping becomes a record of its key and its element list; dictionaries, lookups and sets become bags; other
/// non-string enumerables become sequences; tuples, anonymous types, records and classes become records of their
/// public members. Member readers are compiled once per type, since the oracle canonicalizes millions of values.
/// </remarks>
public static class Canonical
{
    private static readonly ConcurrentDictionary<Type, Func<object, CanonicalValue>> Converters = new();

    /// <summary>The canonical form of <paramref name="value"/>.</summary>
    public static CanonicalValue Of(object? value) =>
        value is null ? CanonicalValue.Null : Converters.GetOrAdd(value.GetType(), CreateConverter)(value);

    /// <summary>The canonical forms of the elements of <paramref name="values"/>, in order.</summary>
    public static List<CanonicalValue> OfAll<T>(IEnumerable<T> values)
    {
        var list = new List<CanonicalValue>();
        foreach (var value in values)
        {
            list.Add(Of(value));
        }

        return list;
    }

    private static Func<object, CanonicalValue> CreateConverter(Type type)
    {
        if (IsLeafType(type))
        {
            if (type == typeof(double))
            {
                return v => CanonicalValue.OfLeaf(v);
            }

            if (type == typeof(float))
            {
                return v => CanonicalValue.OfLeaf((double)(float)v);
            }

            return CanonicalValue.OfLeaf;
        }

        var grouping = FindGenericInterface(type, typeof(IGrouping<,>));
        if (grouping is not null)
        {
            var keyProperty = grouping.GetProperty("Key")!;
            var keyName = "Key";
            return v =>
            {
                var key = Of(keyProperty.GetValue(v));
                var elements = CanonicalValue.OfSequence(OfAll(((IEnumerable)v).Cast<object?>()));
                return CanonicalValue.OfRecord("IGrouping", [new(keyName, key), new("Elements", elements)]);
            };
        }

        if (typeof(IDictionary).IsAssignableFrom(type)
            || FindGenericInterface(type, typeof(IReadOnlyDictionary<,>)) is not null
            || FindGenericInterface(type, typeof(ILookup<,>)) is not null
            || FindGenericInterface(type, typeof(ISet<>)) is not null
            || FindGenericInterface(type, typeof(IReadOnlySet<>)) is not null)
        {
            return v => CanonicalValue.OfBag(OfAll(((IEnumerable)v).Cast<object?>()));
        }

        if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            return v => CanonicalValue.OfSequence(OfAll(((IEnumerable)v).Cast<object?>()));
        }

        if (typeof(ITuple).IsAssignableFrom(type))
        {
            return v =>
            {
                var tuple = (ITuple)v;
                var members = new List<KeyValuePair<string, CanonicalValue>>(tuple.Length);
                for (int i = 0; i < tuple.Length; i++)
                {
                    members.Add(new($"Item{i + 1}", Of(tuple[i])));
                }

                return CanonicalValue.OfRecord("Tuple", members);
            };
        }

        var readers = MemberReaders(type);
        if (readers.Count == 0)
        {
            return CanonicalValue.OfLeaf;
        }

        string typeName = type.Name.Contains("AnonymousType", StringComparison.Ordinal) ? "new" : type.Name;
        return v =>
        {
            var members = new List<KeyValuePair<string, CanonicalValue>>(readers.Count);
            foreach (var (name, read) in readers)
            {
                members.Add(new(name, Of(read(v))));
            }

            return CanonicalValue.OfRecord(typeName, members);
        };
    }

    private static bool IsLeafType(Type type) =>
        type.IsPrimitive
        || type.IsEnum
        || type == typeof(string)
        || type == typeof(decimal)
        || type == typeof(DateOnly)
        || type == typeof(TimeOnly)
        || type == typeof(DateTime)
        || type == typeof(DateTimeOffset)
        || type == typeof(TimeSpan)
        || type == typeof(Guid)
        || type == typeof(Int128)
        || type == typeof(UInt128);

    private static Type? FindGenericInterface(Type type, Type definition)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == definition)
        {
            return type;
        }

        return type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
    }

    private static List<(string Name, Func<object, object?> Read)> MemberReaders(Type type)
    {
        var readers = new List<(string, Func<object, object?>)>();
        var obj = Expression.Parameter(typeof(object), "obj");
        var typed = Expression.Convert(obj, type);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.GetMethod is not null)
            {
                var body = Expression.Convert(Expression.Property(typed, property), typeof(object));
                readers.Add((property.Name, Expression.Lambda<Func<object, object?>>(body, obj).Compile()));
            }
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            var body = Expression.Convert(Expression.Field(typed, field), typeof(object));
            readers.Add((field.Name, Expression.Lambda<Func<object, object?>>(body, obj).Compile()));
        }

        return readers;
    }
}
