namespace Linq.Spark.Planning.Translation;

/// <summary>Identifies one Cache() or Persist() call: its computed partitions are stored in the block manager under this token, at its storage level.</summary>
internal sealed class CacheToken : IEquatable<CacheToken>
{
    private static int _next;

    public CacheToken(StorageLevel level)
        : this(Interlocked.Increment(ref _next), level)
    {
    }

    /// <summary>The token with a known number (read back from a plan's payload).</summary>
    public CacheToken(int id, StorageLevel level)
    {
        Id = id;
        Level = level;
    }

    public int Id { get; }

    /// <summary>Where the partitions are kept.</summary>
    public StorageLevel Level { get; }

    public bool Equals(CacheToken? other) => other is not null && other.Id == Id;

    public override bool Equals(object? obj) => Equals(obj as CacheToken);

    public override int GetHashCode() => Id;

    public override string ToString() => $"cache#{Id}";
}
