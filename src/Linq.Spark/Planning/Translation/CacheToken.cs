namespace Linq.Spark.Planning.Translation;

/// <summary>Identifies one Cache() call: its computed partitions are stored in the block manager under this token.</summary>
internal sealed class CacheToken
{
    private static int _next;

    public int Id { get; } = Interlocked.Increment(ref _next);

    public override string ToString() => $"cache#{Id}";
}
