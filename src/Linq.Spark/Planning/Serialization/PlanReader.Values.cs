using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Linq.Spark.Columnar;
using Linq.Spark.Planning.Translation;
using Linq.Spark.Sources;

namespace Linq.Spark.Planning.Serialization;

/// <summary>Values, rebuilt only as allowed types: objects field by field, shared and cyclic references as they were.</summary>
internal sealed partial class PlanReader
{
    private static readonly StringComparer[] KnownStringComparers =
        [StringComparer.Ordinal, StringComparer.OrdinalIgnoreCase, StringComparer.InvariantCulture, StringComparer.InvariantCultureIgnoreCase];

    private readonly List<object> _objects = [];

    public object?[] Values() => [.. Enumerable.Range(0, Int()).Select(_ => Value())];

    public object? Value()
    {
        var tag = (ValueTag)_in.ReadByte();
        switch (tag)
        {
            case ValueTag.Null:
                return null;
            case ValueTag.Boolean:
                return Bool();
            case ValueTag.Char:
                return (char)Int();
            case ValueTag.SByte:
                return (sbyte)Int();
            case ValueTag.Byte:
                return (byte)Int();
            case ValueTag.Int16:
                return (short)Int();
            case ValueTag.UInt16:
                return (ushort)Int();
            case ValueTag.Int32:
                return Int();
            case ValueTag.UInt32:
                return (uint)Long();
            case ValueTag.Int64:
                return Long();
            case ValueTag.UInt64:
                return unchecked((ulong)Long());
            case ValueTag.Single:
                return _in.ReadSingle();
            case ValueTag.Double:
                return _in.ReadDouble();
            case ValueTag.Decimal:
                return _in.ReadDecimal();
            case ValueTag.String:
                return String();
            case ValueTag.DateOnly:
                return DateOnly.FromDayNumber(Int());
            case ValueTag.DateTime:
                return DateTime.FromBinary(Long());
            case ValueTag.DateTimeOffset:
                {
                    var ticks = Long();
                    return new DateTimeOffset(ticks, TimeSpan.FromTicks(Long()));
                }

            case ValueTag.TimeSpan:
                return TimeSpan.FromTicks(Long());
            case ValueTag.TimeOnly:
                return new TimeOnly(Long());
            case ValueTag.Guid:
                return new Guid(Bytes());
            case ValueTag.Enum:
                {
                    var type = Type();
                    return type.IsEnum ? Enum.ToObject(type, Long()) : throw Malformed($"{type} is not an enum");
                }

            case ValueTag.Reference:
                {
                    var id = Int();
                    return id < _objects.Count ? _objects[id] : throw Malformed($"reference {id} before its object");
                }
        }

        var slot = _objects.Count;
        _objects.Add(null!);
        object value = tag switch
        {
            ValueTag.StringComparer => Int() is var id && id >= 0 && id < KnownStringComparers.Length ? KnownStringComparers[id] : throw Malformed($"string comparer {id}"),
            ValueTag.CacheToken => new CacheToken(Int(), Int() is var level && Enum.IsDefined((StorageLevel)level) ? (StorageLevel)level : throw Malformed($"storage level {level}")),
            ValueTag.DataSource => DataSource(),
            ValueTag.Array => ArrayValue(slot),
            ValueTag.List => Collection(typeof(List<>), slot),
            ValueTag.HashSet => Collection(typeof(HashSet<>), slot),
            ValueTag.Dictionary => DictionaryValue(slot),
            ValueTag.DefaultEqualityComparer => typeof(EqualityComparer<>).MakeGenericType(Type()).GetProperty("Default")!.GetValue(null)!,
            ValueTag.DefaultComparer => typeof(Comparer<>).MakeGenericType(Type()).GetProperty("Default")!.GetValue(null)!,
            ValueTag.Object => ObjectValue(slot),
            _ => throw Malformed($"value tag {tag}"),
        };
        _objects[slot] = value;
        return value;
    }

    private Array ArrayValue(int slot)
    {
        var element = Type();
        var length = Int();
        var array = Array.CreateInstance(element, length);
        _objects[slot] = array;
        if (PlanWriter.TravelsAsBytes(element))
        {
            var bytes = Bytes();
            if (bytes.Length != length * Internal.TypeUtil.EstimatedSize(element))
            {
                throw Malformed($"{bytes.Length} bytes for {length} values of {element}");
            }

            bytes.CopyTo(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), bytes.Length));
            return array;
        }

        for (var i = 0; i < length; i++)
        {
            array.SetValue(Value(), i);
        }

        return array;
    }

    private object Collection(Type definition, int slot)
    {
        var type = definition.MakeGenericType(Type());
        var collection = Activator.CreateInstance(type)!;
        _objects[slot] = collection;
        var add = type.GetMethod("Add")!;
        var count = Int();
        for (var i = 0; i < count; i++)
        {
            add.Invoke(collection, [Value()]);
        }

        return collection;
    }

    private IDictionary DictionaryValue(int slot)
    {
        var type = Type();
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Dictionary<,>))
        {
            throw Malformed($"{type} is not a dictionary");
        }

        var dictionary = (IDictionary)Activator.CreateInstance(type)!;
        _objects[slot] = dictionary;
        var count = Int();
        for (var i = 0; i < count; i++)
        {
            var key = Value()!;
            dictionary.Add(key, Value());
        }

        return dictionary;
    }

    private IDataSource DataSource()
    {
        var elementType = Type();
        var id = new Guid(Bytes());
        _ = String();
        var partitions = Enumerable.Range(0, Int()).Select(_ => (IReadOnlyList<ColumnBatch>)[.. Enumerable.Range(0, Int()).Select(_ => Batch())]).ToList();
        return (IDataSource)Activator.CreateInstance(typeof(ParallelizedSource<>).MakeGenericType(elementType), id, partitions)!;
    }

    private ColumnBatch Batch()
    {
        var count = Int();
        var columns = new Array?[Int()];
        var validity = new ulong[]?[columns.Length];
        var dictionaries = new string[]?[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = (Array?)Value();
            validity[c] = (ulong[]?)Value();
            dictionaries[c] = (string[]?)Value();
        }

        return new ColumnBatch(count, columns, validity, dictionaries);
    }

    /// <summary>An object of an allowed type, created without running a constructor and filled field by field.</summary>
    private object ObjectValue(int slot)
    {
        var type = Type();
        if (type.IsAbstract || type.IsArray || typeof(Delegate).IsAssignableFrom(type) || type.IsPointer || type.IsByRefLike)
        {
            throw new NotSupportedException($"A value of type {type} cannot be read into this process.");
        }

        var value = RuntimeHelpers.GetUninitializedObject(type);
        _objects[slot] = value;
        var count = Int();
        for (var i = 0; i < count; i++)
        {
            var declaring = Type();
            var name = String();
            var field = declaring.IsAssignableFrom(type)
                ? declaring.GetField(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                : null;
            var fieldValue = Value();
            (field ?? throw new NotSupportedException($"The plan sets {declaring.FullName}.{name}, which this process does not have.")).SetValue(value, fieldValue);
        }

        return value;
    }
}
