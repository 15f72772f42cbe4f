namespace Linq.Spark;

/// <summary>Where a persisted query's partitions are kept (Spark's StorageLevel).</summary>
public enum StorageLevel
{
    /// <summary>In memory, as rows; a partition that does not fit, or is evicted, is computed again when next read (what <c>Cache()</c> uses).</summary>
    MemoryOnly,

    /// <summary>In memory while it fits; a partition that does not fit, or is evicted, goes to a file in the local directory and is read from it.</summary>
    MemoryAndDisk,

    /// <summary>In a file in the local directory (Arrow IPC, LZ4-compressed), read back whenever it is used.</summary>
    DiskOnly,
}
