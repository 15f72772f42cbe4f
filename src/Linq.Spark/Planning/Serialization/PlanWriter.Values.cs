using System.Collections;
using System.Reflection;
using System.Runtime.InteropServices;
using Linq.Spark.Columnar;
using Linq.Spark.Planning.Translation;
using Linq.Spark.Sources;

namespace Linq.Spark.Planning.Serialization;

/// <summary>
/// Values: literals and the parameter slots' values. Numbers, strings, dates and times, enums, arrays and the common
/// collections, well-known comparers, data sources (their column batches) and objects of allowed types (field by
/// field, shared and cyclic references kept) can be written; a delegate or a type outside the allow-list cannot.
/// </summary>
internal sealed partial class PlanWriter
{
    /// <summary>Each type's instance fields, held no longer than the type (a collectible assembly's types can go).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Type, FieldInfo[]> FieldsOf = [];

    private static readonly (StringComparer Comparer, int Id)[] KnownStringComparers =
    [
        (StringComparer.Ordinal, 0), (StringComparer.OrdinalIgnoreCase, 1), (StringComparer.InvariantCulture, 2),
        (StringComparer.InvariantCultureIgnoreCase, 3),
    ];

    private readonly Dictionary<object, int> _objects = new(ReferenceEqualityComparer.Instance);

    /// <summary>A literal of an expression: written as a value (its type is written by the constant).</summary>
    private void Literal(object? value, Type type) => Value(value);

    public void Values(IReadOnlyList<object?> values)
    {
        Int(values.Count);
        foreach (var value in values)
        {
            Value(value);
        }
    }

    public void Value(object? value)
    {
        switch (value)
        {
            case null:
                Tag(ValueTag.Null);
                return;
            case bool v:
                Tag(ValueTag.Boolean);
                Bool(v);
                return;
            case char v:
                Tag(ValueTag.Char);
                Int(v);
                return;
            case sbyte v:
                Tag(ValueTag.SByte);
                Int(v);
                return;
            case byte v:
                Tag(ValueTag.Byte);
                Int(v);
                return;
            case short v:
                Tag(ValueTag.Int16);
                Int(v);
                return;
            case ushort v:
                Tag(ValueTag.UInt16);
                Int(v);
                return;
            case int v:
                Tag(ValueTag.Int32);
                Int(v);
                return;
            case uint v:
                Tag(ValueTag.UInt32);
                Long(v);
                return;
            case long v:
                Tag(ValueTag.Int64);
                Long(v);
                return;
            case ulong v:
                Tag(ValueTag.UInt64);
                Long(unchecked((long)v));
                return;
            case float v:
                Tag(ValueTag.Single);
                _out.Write(v);
                return;
            case double v:
                Tag(ValueTag.Double);
                _out.Write(v);
                return;
            case decimal v:
                Tag(ValueTag.Decimal);
                _out.Write(v);
                return;
            case string v:
                Tag(ValueTag.String);
                String(v);
                return;
            case DateOnly v:
                Tag(ValueTag.DateOnly);
                Int(v.DayNumber);
                return;
            case DateTime v:
                Tag(ValueTag.DateTime);
                Long(v.ToBinary());
                return;
            case DateTimeOffset v:
                Tag(ValueTag.DateTimeOffset);
                Long(v.Ticks);
                Long(v.Offset.Ticks);
                return;
            case TimeSpan v:
                Tag(ValueTag.TimeSpan);
                Long(v.Ticks);
                return;
            case TimeOnly v:
                Tag(ValueTag.TimeOnly);
                Long(v.Ticks);
                return;
            case Guid v:
                Tag(ValueTag.Guid);
                Bytes(v.ToByteArray());
                return;
            case Enum v:
                Tag(ValueTag.Enum);
                Type(v.GetType());
                Long(Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture));
                return;
        }

        if (_objects.TryGetValue(value, out var seen))
        {
            Tag(ValueTag.Reference);
            Int(seen);
            return;
        }

        _objects[value] = _objects.Count;
        switch (value)
        {
            case StringComparer comparer:
                Tag(ValueTag.StringComparer);
                Int(Array.Find(KnownStringComparers, k => ReferenceEquals(k.Comparer, comparer)) is { Comparer: not null } known
                    ? known.Id
                    : throw new NotSupportedException($"The string comparer {comparer} cannot leave the process; use StringComparer.Ordinal, OrdinalIgnoreCase, InvariantCulture or InvariantCultureIgnoreCase."));
                return;
            case CacheToken token:
                Tag(ValueTag.CacheToken);
                Int(token.Id);
                Int((int)token.Level);
                return;
            case IDataSource source:
                DataSource(source);
                return;
            case ISparkQuery { Source: { } root }:
                DataSource(root);
                return;
            case Array array:
                Tag(ValueTag.Array);
                ArrayValue(array);
                return;
            case Delegate:
                throw new NotSupportedException($"A delegate ({value.GetType()}) cannot leave the process: capture the values it uses instead.");
        }

        var type = value.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition)
        {
            if (definition == typeof(List<>))
            {
                Tag(ValueTag.List);
                Type(type.GetGenericArguments()[0]);
                Elements((IEnumerable)value, ((ICollection)value).Count);
                return;
            }

            if (definition == typeof(HashSet<>) && DefaultComparer(type, "Comparer", value))
            {
                Tag(ValueTag.HashSet);
                Type(type.GetGenericArguments()[0]);
                Elements((IEnumerable)value, (int)type.GetProperty("Count")!.GetValue(value)!);
                return;
            }

            if (definition == typeof(Dictionary<,>) && DefaultComparer(type, "Comparer", value))
            {
                Tag(ValueTag.Dictionary);
                Type(type);
                var dictionary = (IDictionary)value;
                Int(dictionary.Count);
                foreach (DictionaryEntry entry in dictionary)
                {
                    Value(entry.Key);
                    Value(entry.Value);
                }

                return;
            }

        }

        if (type.Assembly == typeof(Enumerable).Assembly && !_allow.Allows(type) && SequenceElement(type) is { } element)
        {
            // A lazy sequence of System.Linq's (a row's ds.Select(...)) travels as the elements it yields, read back as a list.
            var items = ((IEnumerable)value).Cast<object?>().ToList();
            Tag(ValueTag.List);
            Type(element);
            Elements(items, items.Count);
            return;
        }

        if (type.BaseType is { IsGenericType: true } comparerBase && DefaultInstance(comparerBase, value) is { } comparerKind)
        {
            Tag(comparerKind);
            Type(comparerBase.GetGenericArguments()[0]);
            return;
        }

        ObjectValue(value, type);
    }

    private void Tag(ValueTag tag) => _out.Write((byte)tag);

    /// <summary>Whether <paramref name="value"/> is EqualityComparer&lt;T&gt;.Default or Comparer&lt;T&gt;.Default (as its base type says).</summary>
    private static ValueTag? DefaultInstance(Type baseType, object value)
    {
        var definition = baseType.GetGenericTypeDefinition();
        if (definition != typeof(EqualityComparer<>) && definition != typeof(Comparer<>))
        {
            return null;
        }

        var instance = baseType.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null);
        return ReferenceEquals(instance, value)
            ? definition == typeof(EqualityComparer<>) ? ValueTag.DefaultEqualityComparer : ValueTag.DefaultComparer
            : null;
    }

    /// <summary>Whether a hash set's or dictionary's comparer is the default one (others would need the comparer itself).</summary>
    private static bool DefaultComparer(Type type, string property, object value)
    {
        var comparer = type.GetProperty(property)!.GetValue(value);
        var keyType = type.GetGenericArguments()[0];
        var @default = typeof(EqualityComparer<>).MakeGenericType(keyType).GetProperty("Default")!.GetValue(null);
        return ReferenceEquals(comparer, @default) || (keyType == typeof(string) && ReferenceEquals(comparer, EqualityComparer<string>.Default));
    }

    private void Elements(IEnumerable collection, int count)
    {
        Int(count);
        foreach (var item in collection)
        {
            Value(item);
        }
    }

    private void ArrayValue(Array array)
    {
        var element = array.GetType().GetElementType()!;
        Type(element);
        if (array.Rank != 1)
        {
            throw new NotSupportedException($"A {array.Rank}-dimensional array cannot leave the process.");
        }

        Int(array.Length);
        if (PlanWriter.TravelsAsBytes(element))
        {
            // Unmanaged values travel as their bytes (DateTime keeps its kind in them).
            Bytes(MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(array), array.Length * Internal.TypeUtil.EstimatedSize(element)));
            return;
        }

        foreach (var item in array)
        {
            Value(item);
        }
    }

    private void DataSource(IDataSource source)
    {
        Tag(ValueTag.DataSource);
        Type(source.ElementType);
        Bytes(source.Id.ToByteArray());
        String(source.Describe());
        Int(source.NumPartitions);
        for (var p = 0; p < source.NumPartitions; p++)
        {
            var batches = source.GetBatches(p).ToList();
            Int(batches.Count);
            batches.ForEach(Batch);
        }
    }

    private void Batch(ColumnBatch batch)
    {
        Int(batch.Count);
        Int(batch.Columns.Length);
        for (var c = 0; c < batch.Columns.Length; c++)
        {
            Value(batch.Columns[c]);
            Value(batch.Validity[c]);
            Value(batch.Dictionaries[c]);
        }
    }

    /// <summary>The T of the IEnumerable&lt;T&gt; a type implements, if it implements one.</summary>
    private static Type? SequenceElement(Type type) =>
        type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>An object of an allowed type, field by field (its closures, records and user classes).</summary>
    private void ObjectValue(object value, Type type)
    {
        Tag(ValueTag.Object);
        Type(type);
        var fields = InstanceFields(type);
        Int(fields.Count);
        foreach (var field in fields)
        {
            Type(field.DeclaringType!);
            String(field.Name);
            Value(field.GetValue(value));
        }
    }

    /// <summary>Whether an array of <paramref name="element"/> travels as its raw bytes (unmanaged values with no references).</summary>
    internal static bool TravelsAsBytes(Type element) =>
        element.IsPrimitive || element == typeof(decimal) || element == typeof(DateOnly) || element == typeof(DateTime) || element == typeof(TimeSpan) || element == typeof(Guid);

    /// <summary>Every instance field of a type and its base types (the state a copy needs), looked up once per type.</summary>
    internal static IReadOnlyList<FieldInfo> InstanceFields(Type type) => FieldsOf.GetValue(type, static type =>
    {
        var fields = new List<FieldInfo>();
        for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            fields.AddRange(t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly));
        }

        return [.. fields];
    });
}
