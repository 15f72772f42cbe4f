namespace Linq.Spark.Planning.Translation;

/// <summary>Identifies one Cache() call: its computed partitions are stored in the block manager under this token.</summary>
internal sealed class CacheToken : IEquatable<CacheToken>
{
    private static int _next;

    public CacheToken()
        : this(Interlocked.Increment(ref _next))
    {
    }

    /// <summary>The token with a known number (read back from a plan's payload).</summary>
    public CacheToken(int id)
    {
        Id = id;
    }

    public int Id { get; }

    public bool Equals(CacheToken? other) => other is not null && other.Id == Id;

    public override bool Equals(object? obj) => Equals(obj as CacheToken);

    public override int GetHashCode() => Id;

    public override string ToString() => $"cache#{Id}";
}
