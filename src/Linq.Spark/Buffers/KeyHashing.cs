using System.Runtime.CompilerServices;

namespace Linq.Spark.Buffers;

/// <summary>Key hashing shared by shuffles and hash tables, with LINQ's rule that a null key hashes to 0.</summary>
internal static class KeyHashing
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Hash<TKey>(IEqualityComparer<TKey> comparer, TKey key) => key is null ? 0 : comparer.GetHashCode(key);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal<TKey>(IEqualityComparer<TKey> comparer, TKey a, TKey b) =>
        a is null ? b is null : b is not null && comparer.Equals(a, b);

    /// <summary>Spreads a hash code so that consecutive keys land on different partitions and buckets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Mix(int hash)
    {
        var h = (uint)hash;
        h ^= h >> 16;
        h *= 0x7feb352d;
        h ^= h >> 15;
        h *= 0x846ca68b;
        h ^= h >> 16;
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PartitionOf(int hash, int partitions) => (int)(Mix(hash) % (uint)partitions);
}
