namespace Linq.Spark.Execution.Memory;

/// <summary>Estimated bytes of values held in memory, for reservations: a value type's size, or a reference and its object's shallow size.</summary>
internal static class MemorySize
{
    /// <summary>The estimated bytes of one T held in an array.</summary>
    public static long Of<T>() => Sizes<T>.Bytes;

    /// <summary>The estimated bytes of one value of <paramref name="type"/> held in an array.</summary>
    public static long Of(Type type) => type.IsValueType ? Internal.TypeUtil.EstimatedSize(type) : 8 + Internal.TypeUtil.EstimatedSize(type);

    private static class Sizes<T>
    {
        public static readonly long Bytes = Of(typeof(T));
    }
}
