using System.Collections.Concurrent;
using Linq.Spark.Planning.Serialization;

namespace Linq.Spark.Execution.Blocks;

/// <summary>
/// The blocks of a session's running jobs (Spark's BlockManager, for shuffle blocks). A block stays in memory — as
/// column batches, or as Arrow IPC bytes when blocks are to cross a process boundary — while the blocks held fit in the
/// storage part of the executor memory (<see cref="Memory.MemoryManager"/>); past it, the block is written to a file under the local directory (Arrow IPC, LZ4-compressed, as
/// Spark's shuffle files) and read back when a reducer asks for it. A job's blocks and files are removed when it ends,
/// failed or not; the session's folder when the store is disposed.
/// </summary>
internal sealed class BlockStore : IDisposable
{
    private readonly ConcurrentDictionary<ShuffleBlockId, Stored> _blocks = new();
    private readonly ConcurrentDictionary<int, bool> _jobsWithFiles = new();
    private readonly Memory.MemoryManager _memory;
    private long _bytesInMemory;
    private volatile bool _disposed;

    /// <param name="encode">Whether blocks are kept as Arrow IPC bytes rather than as objects.</param>
    /// <param name="memory">The executor memory, whose storage part the blocks held in memory take.</param>
    /// <param name="localDirectory">The folder the session's own folder of block files goes in (null: the temporary directory).</param>
    public BlockStore(bool encode, Memory.MemoryManager memory, string? localDirectory)
    {
        Encodes = encode;
        _memory = memory;
        Directory = Path.Combine(localDirectory ?? Path.GetTempPath(), $"linq-spark-{Environment.ProcessId}-{Guid.NewGuid():N}");
    }

    /// <summary>Whether blocks are kept as Arrow IPC bytes rather than as objects.</summary>
    public bool Encodes { get; }

    /// <summary>The session's executor memory, of which blocks held in memory take at most half.</summary>
    public long MemoryLimit => _memory.Total;

    /// <summary>The session's folder of block files; created when the first block goes to disk.</summary>
    public string Directory { get; }

    /// <summary>Blocks held now (for tests: a finished job leaves none).</summary>
    public int Count => _blocks.Count;

    /// <summary>The bytes of the blocks held in memory now.</summary>
    public long BytesInMemory => Interlocked.Read(ref _bytesInMemory);

    /// <summary>Writes a block's file; a test replaces it to simulate a full disk.</summary>
    internal Action<string, byte[], byte[]?> WriteFile { get; set; } = WriteBlockFile;

    /// <summary>Opens a new spill file for writing; a test replaces it to simulate a full disk.</summary>
    internal Func<string, Stream> OpenSpillFile { get; set; } =
        path => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);

    /// <summary>The path of a new file of a persisted partition, in the session's folder (created here), which goes with the session.</summary>
    public string CachePath(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var folder = Path.Combine(Directory, "cache");
        System.IO.Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    /// <summary>The path of a new spill file of a job, in its folder (created here), which goes when the job ends.</summary>
    public string SpillPath(int jobId, string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _jobsWithFiles[jobId] = true;
        var folder = JobDirectory(jobId);
        System.IO.Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    /// <summary>Stores a block; returns its size in bytes, and the bytes written to a file when it did not fit in memory.</summary>
    /// <param name="id">The block's id.</param>
    /// <param name="block">The block.</param>
    /// <param name="allow">The types the job's blocks may hold, for encoding them (the plan's allow-list).</param>
    /// <remarks>A retried map task writes the blocks of the attempt before it again: the old ones are released first.</remarks>
    public BlockWrite Put(ShuffleBlockId id, ShuffleBlock block, Lazy<TypeAllowList> allow)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_blocks.TryRemove(id, out var replaced))
        {
            Release(replaced);
        }

        if (!Encodes && TryHold(EstimatedBytes(block)) is { } held)
        {
            _blocks[id] = new Stored(block, null, null, block.Layout, block.KeyLayout, null, held, null);
            return new BlockWrite(held, 0);
        }

        ArrowBlockCodec codec;
        byte[] rows;
        byte[]? keys;
        try
        {
            codec = new ArrowBlockCodec(allow.Value);
            rows = codec.Encode(block.Rows, block.Layout);
            keys = block.Keys is null ? null : codec.Encode(block.KeyLayout!.EncodeArray(block.Keys), block.KeyLayout);
        }
        catch (NotSupportedException) when (!Encodes)
        {
            // A value of a type the plan's allow-list leaves out cannot be written: the block stays in memory, over the limit.
            var over = EstimatedBytes(block);
            Interlocked.Add(ref _bytesInMemory, over);
            _memory.HoldStorage(over);
            _blocks[id] = new Stored(block, null, null, block.Layout, block.KeyLayout, null, over, null);
            return new BlockWrite(over, 0);
        }

        var bytes = rows.LongLength + (keys?.LongLength ?? 0);
        if (TryHold(bytes) is not null)
        {
            _blocks[id] = new Stored(null, rows, keys, block.Layout, block.KeyLayout, codec, bytes, null);
            return new BlockWrite(bytes, 0);
        }

        var path = PathOf(id);
        _jobsWithFiles[id.JobId] = true;
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            WriteFile(path, rows, keys);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteFile(path);
            throw new IOException($"Could not write shuffle block {id} ({bytes:N0} bytes) to the local directory: {path}: {e.Message}", e);
        }

        _blocks[id] = new Stored(null, null, null, block.Layout, block.KeyLayout, codec, 0, path);
        return new BlockWrite(bytes, bytes);
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

        var (rowBytes, keyBytes) = stored.File is { } path ? ReadBlockFile(path) : (stored.Rows!, stored.Keys);
        var rows = stored.Codec!.Decode(rowBytes, stored.Layout);
        var keys = keyBytes is null ? null : stored.KeyLayout!.DecodeAll(stored.Codec.Decode(keyBytes, stored.KeyLayout!));
        return new ShuffleBlock(rows, stored.Layout, keys, stored.KeyLayout);
    }

    /// <summary>A block's rows and keys as Arrow IPC bytes, as another process reads them (blocks are kept encoded).</summary>
    public (byte[] Rows, byte[]? Keys) GetBytes(ShuffleBlockId id)
    {
        if (!_blocks.TryGetValue(id, out var stored))
        {
            throw new InvalidOperationException($"Block {id} is not in the block store.");
        }

        if (stored.Block is not null)
        {
            throw new InvalidOperationException($"Block {id} is held as objects; a store whose blocks leave the process encodes them.");
        }

        return stored.File is { } path ? ReadBlockFile(path) : (stored.Rows!, stored.Keys);
    }

    /// <summary>Removes every block of a job, and its files.</summary>
    public void RemoveJob(int jobId)
    {
        // Enumerating takes no lock (Keys would take all of them), and most jobs of small queries shuffle nothing.
        foreach (var (id, _) in _blocks)
        {
            if (id.JobId == jobId && _blocks.TryRemove(id, out var removed))
            {
                Interlocked.Add(ref _bytesInMemory, -removed.BytesInMemory);
                _memory.ReleaseStorage(removed.BytesInMemory);
            }
        }

        if (_jobsWithFiles.TryRemove(jobId, out _))
        {
            DeleteFolder(JobDirectory(jobId));
        }
    }

    /// <summary>Deletes the session's folder of block files; blocks written after this are refused.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var (_, stored) in _blocks)
        {
            _memory.ReleaseStorage(stored.BytesInMemory);
        }

        _blocks.Clear();
        DeleteFolder(Directory);
    }

    /// <summary>Gives back a replaced block's memory, or deletes its file.</summary>
    private void Release(Stored stored)
    {
        Interlocked.Add(ref _bytesInMemory, -stored.BytesInMemory);
        _memory.ReleaseStorage(stored.BytesInMemory);
        if (stored.File is { } file)
        {
            DeleteFile(file);
        }
    }

    /// <summary>Holds <paramref name="bytes"/> more in memory if they fit; returns them, or null when they do not fit.</summary>
    private long? TryHold(long bytes)
    {
        // Under the test switch every shuffle block goes to a file.
        if (_memory.ForceSpillBytes > 0 || !_memory.TryAcquireStorage(bytes))
        {
            return null;
        }

        Interlocked.Add(ref _bytesInMemory, bytes);
        return bytes;
    }

    private string JobDirectory(int jobId) => Path.Combine(Directory, $"job-{jobId}");

    private string PathOf(ShuffleBlockId id) =>
        Path.Combine(JobDirectory(id.JobId), $"shuffle-{id.ShuffleId}-map-{id.MapId}-reduce-{id.ReduceId}-{id.Batch}.arrow");

    /// <summary>A block file: the rows' Arrow IPC stream, its length first, then the keys' stream (or nothing).</summary>
    private static void WriteBlockFile(string path, byte[] rows, byte[]? keys)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        file.Write(BitConverter.GetBytes(rows.LongLength));
        file.Write(rows);
        if (keys is not null)
        {
            file.Write(keys);
        }
    }

    private static (byte[] Rows, byte[]? Keys) ReadBlockFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var length = BitConverter.ToInt64(bytes, 0);
        var rows = bytes[8..(int)(8 + length)];
        return (rows, bytes.Length > 8 + length ? bytes[(int)(8 + length)..] : null);
    }

    /// <summary>Deletes a folder of block files; a folder that cannot be deleted now (a file held open) is reported, not thrown: a finished query must not fail on it.</summary>
    private static void DeleteFolder(string path)
    {
        try
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written there.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            System.Diagnostics.Trace.TraceWarning($"Linq.Spark could not delete the block folder {path}: {e.Message}");
        }
    }

    internal static void DeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            System.Diagnostics.Trace.TraceWarning($"Linq.Spark could not delete the block file {path}: {e.Message}");
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

    /// <summary>A block as held: as objects, as bytes in memory, or in a file; and the memory it takes.</summary>
    private sealed record Stored(
        ShuffleBlock? Block,
        byte[]? Rows,
        byte[]? Keys,
        Columnar.IEncoder Layout,
        Columnar.IEncoder? KeyLayout,
        ArrowBlockCodec? Codec,
        long BytesInMemory,
        string? File);
}

/// <summary>What storing a block took: its size in bytes, and the bytes that went to a file (0 when it stayed in memory).</summary>
internal readonly record struct BlockWrite(long Bytes, long SpilledBytes);
