using System.Collections.Concurrent;
using Linq.Spark.Planning.Serialization;

namespace Linq.Spark.Execution.Blocks;

/// <summary>
/// The blocks of a session's running jobs (Spark's BlockManager, for shuffle blocks): kept as column batches in
/// memory, or — when blocks are to cross a process boundary, and in the test mode that makes them — as Arrow IPC bytes,
/// LZ4-compressed, decoded when read. A job's blocks are removed when it ends, failed or not.
/// </summary>
internal sealed class BlockStore(bool encode)
{
    private readonly ConcurrentDictionary<ShuffleBlockId, Stored> _blocks = new();

    /// <summary>Whether blocks are kept as Arrow IPC bytes rather than as objects.</summary>
    public bool Encodes { get; } = encode;

    /// <summary>Blocks held now (for tests: a finished job leaves none).</summary>
    public int Count => _blocks.Count;

    /// <summary>Stores a block; returns its size in bytes (encoded, or estimated in memory).</summary>
    public long Put(ShuffleBlockId id, ShuffleBlock block, TypeAllowList? allow)
    {
        Stored stored;
        if (Encodes)
        {
            var codec = new ArrowBlockCodec(allow ?? throw new InvalidOperationException("Encoding blocks needs the plan's allow-list."));
            var rows = codec.Encode(block.Rows, block.Layout);
            var keys = block.Keys is null ? null : codec.Encode(block.KeyLayout!.EncodeArray(block.Keys), block.KeyLayout);
            stored = new Stored(null, rows, keys, block.Layout, block.KeyLayout, codec, rows.LongLength + (keys?.LongLength ?? 0));
        }
        else
        {
            stored = new Stored(block, null, null, block.Layout, block.KeyLayout, null, EstimatedBytes(block));
        }

        _blocks[id] = stored;
        return stored.Bytes;
    }

    public ShuffleBlock Get(ShuffleBlockId id)
    {
        if (!_blocks.TryGetValue(id, out var stored))
        {
            throw new InvalidOperationException($"Block {id} is not in the block store.");
        }

        if (stored.Block is { } block)
        {
            return block;
        }

        var rows = stored.Codec!.Decode(stored.Rows!, stored.Layout);
        var keys = stored.Keys is null ? null : stored.KeyLayout!.DecodeAll(stored.Codec.Decode(stored.Keys, stored.KeyLayout));
        return new ShuffleBlock(rows, stored.Layout, keys, stored.KeyLayout);
    }

    /// <summary>Removes every block of a job.</summary>
    public void RemoveJob(int jobId)
    {
        // Enumerating takes no lock (Keys would take all of them), and most jobs of small queries shuffle nothing.
        foreach (var (id, _) in _blocks)
        {
            if (id.JobId == jobId)
            {
                _blocks.TryRemove(id, out _);
            }
        }
    }

    /// <summary>The rows' bytes as the engine holds them: each written column's value width (8 for references) per row.</summary>
    private static long EstimatedBytes(ShuffleBlock block)
    {
        long width = 0;
        for (var c = 0; c < block.Rows.Columns.Length; c++)
        {
            if (block.Rows.Columns[c] is not null)
            {
                var storage = block.Layout.Columns[c].StorageType;
                width += storage.IsValueType ? Internal.TypeUtil.EstimatedSize(storage) : 8;
            }
        }

        return block.Rows.Count * width;
    }

    private sealed record Stored(ShuffleBlock? Block, byte[]? Rows, byte[]? Keys, Columnar.IEncoder Layout, Columnar.IEncoder? KeyLayout, ArrowBlockCodec? Codec, long Bytes);
}
