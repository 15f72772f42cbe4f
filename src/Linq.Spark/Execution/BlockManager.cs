using Linq.Spark.Buffers;
using Linq.Spark.Columnar;
using Linq.Spark.Execution.Blocks;
using Linq.Spark.Execution.Memory;
using Linq.Spark.Planning.Serialization;

namespace Linq.Spark.Execution;

/// <summary>
/// The session's persisted partitions (Spark's BlockManager for cached RDD blocks), keyed by cache key and partition,
/// each kept at its query's <see cref="StorageLevel"/>. Partitions in memory take the storage part of the executor
/// memory; when a new one does not fit, the least recently used of other persisted queries are evicted (dropped, or
/// written to a file when their level allows disk), and one that still does not fit is not kept in memory. Files are Arrow IPC (LZ4) in the block store's folder, deleted with the session.
/// </summary>
internal sealed class BlockManager(MemoryManager memory, BlockStore store)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(object Key, int Partition), Entry> _blocks = [];
    private long _clock;

    /// <summary>The partition stored under the key, read from memory or from its file; else computed and stored.</summary>
    /// <param name="key">The cache key (its token carries the storage level).</param>
    /// <param name="partition">The partition.</param>
    /// <param name="compute">Computes the partition.</param>
    /// <param name="allow">The types a partition written to a file may hold (the plan's allow-list).</param>
    public PartitionData GetOrCompute(CacheKey key, int partition, Func<PartitionData> compute, Lazy<TypeAllowList> allow)
    {
        Entry? entry;
        lock (_lock)
        {
            if (_blocks.TryGetValue((key, partition), out entry))
            {
                entry.LastUsed = ++_clock;
                if (entry.Rows is { } held)
                {
                    return held;
                }
            }
        }

        if (entry is { File: { } path })
        {
            var rows = entry.Layout!.DecodeAll(entry.Codec!.Decode(File.ReadAllBytes(path), entry.Layout));
            return new PartitionData(rows, rows.Length);
        }

        var computed = compute();
        Store(key, partition, computed, allow);
        return computed;
    }

    /// <summary>Whether every partition of a persisted input is stored.</summary>
    public bool HasAll(CacheKey key, int partitions)
    {
        lock (_lock)
        {
            for (var p = 0; p < partitions; p++)
            {
                if (!_blocks.ContainsKey((key, p)))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The bytes of persisted partitions held in memory now.</summary>
    public long BytesInMemory
    {
        get
        {
            lock (_lock)
            {
                return _blocks.Values.Sum(e => e.Bytes);
            }
        }
    }

    /// <summary>How many persisted partitions are in files now.</summary>
    public int OnDisk
    {
        get
        {
            lock (_lock)
            {
                return _blocks.Values.Count(e => e.File is not null);
            }
        }
    }

    /// <summary>Drops every persisted partition and gives back its memory (files go with the block store's folder).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            foreach (var entry in _blocks.Values)
            {
                memory.ReleaseStorage(entry.Bytes);
            }

            _blocks.Clear();
        }
    }

    private void Store(CacheKey key, int partition, PartitionData rows, Lazy<TypeAllowList> allow)
    {
        var level = ((Planning.Translation.CacheToken)key.Token).Level;
        var bytes = EstimatedBytes(rows);
        lock (_lock)
        {
            if (_blocks.ContainsKey((key, partition)))
            {
                return;
            }

            var entry = new Entry { LastUsed = ++_clock, Allow = level == StorageLevel.MemoryAndDisk ? allow.Value : null };
            if (level != StorageLevel.DiskOnly && MakeRoom(bytes, key.Token))
            {
                entry.Rows = rows;
                entry.Bytes = bytes;
            }
            else if (level == StorageLevel.MemoryOnly || !TryWrite(entry, rows, allow.Value))
            {
                // Spark's "not enough space to cache the partition": it is computed again when next read.
                return;
            }

            _blocks[(key, partition)] = entry;
        }
    }

    /// <summary>
    /// Takes storage memory for a new partition, evicting the least recently used partitions in memory until it fits —
    /// of other persisted queries only, as Spark's MemoryStore does, so that a query too large to keep does not evict
    /// its own partitions in turn.
    /// </summary>
    private bool MakeRoom(long bytes, object token)
    {
        while (!memory.TryAcquireStorage(bytes))
        {
            KeyValuePair<(object Key, int Partition), Entry>? oldest = null;
            foreach (var block in _blocks)
            {
                if (block.Value.Rows is not null && !Equals(((CacheKey)block.Key.Key).Token, token) && (oldest is null || block.Value.LastUsed < oldest.Value.Value.LastUsed))
                {
                    oldest = block;
                }
            }

            if (oldest is not { } victim)
            {
                return false;
            }

            var entry = victim.Value;
            memory.ReleaseStorage(entry.Bytes);
            var rows = entry.Rows!.Value;
            (entry.Rows, entry.Bytes) = (null, 0);
            if (((Planning.Translation.CacheToken)((CacheKey)victim.Key.Key).Token).Level == StorageLevel.MemoryOnly || !TryWrite(entry, rows, entry.Allow!))
            {
                _blocks.Remove(victim.Key);
            }
        }

        return true;
    }

    /// <summary>Writes a partition to a file; false when its rows hold a type that cannot be written (it then stays out of the store).</summary>
    private bool TryWrite(Entry entry, PartitionData rows, TypeAllowList allow)
    {
        var layout = Encoders.For(rows.Rows.GetType().GetElementType()!, stored: false);
        var codec = new ArrowBlockCodec(allow);
        byte[] bytes;
        try
        {
            var exact = rows.Rows.Length == rows.Count ? rows.Rows : Slice(rows);
            bytes = codec.Encode(layout.EncodeArray(exact), layout);
        }
        catch (NotSupportedException)
        {
            return false;
        }

        var path = store.CachePath($"rdd-{Guid.NewGuid():N}.arrow");
        try
        {
            using var file = store.OpenSpillFile(path);
            file.Write(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            BlockStore.DeleteFile(path);
            throw new IOException($"Could not write a persisted partition ({bytes.Length:N0} bytes) to the local directory: {path}: {e.Message}", e);
        }

        (entry.File, entry.Layout, entry.Codec, entry.Allow) = (path, layout, codec, allow);
        return true;
    }

    private static Array Slice(PartitionData rows)
    {
        var exact = Array.CreateInstance(rows.Rows.GetType().GetElementType()!, rows.Count);
        Array.Copy(rows.Rows, exact, rows.Count);
        return exact;
    }

    private static long EstimatedBytes(PartitionData rows)
    {
        return rows.Count * MemorySize.Of(rows.Rows.GetType().GetElementType()!);
    }

    /// <summary>A persisted partition: its rows in memory, or its file; and when it was last read.</summary>
    private sealed class Entry
    {
        public PartitionData? Rows { get; set; }

        public long Bytes { get; set; }

        public string? File { get; set; }

        public IEncoder? Layout { get; set; }

        public ArrowBlockCodec? Codec { get; set; }

        public TypeAllowList? Allow { get; set; }

        public long LastUsed { get; set; }
    }
}
