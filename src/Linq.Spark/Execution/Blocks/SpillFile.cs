using Linq.Spark.Columnar;
using Linq.Spark.Execution.Memory;
using Linq.Spark.Planning.Serialization;

namespace Linq.Spark.Execution.Blocks;

/// <summary>Where a job's operators spill: files in the job's folder of the block store, encoded with the plan's allow-list.</summary>
/// <param name="store">The session's block store, which owns the folders.</param>
/// <param name="jobId">The job.</param>
/// <param name="allow">The types a spilled row may hold (the plan's allow-list).</param>
internal sealed class SpillFiles(BlockStore store, int jobId, Lazy<TypeAllowList> allow)
{
    private int _next;

    /// <summary>A new, empty spill file for rows of type T, written by <paramref name="reservation"/>'s operator.</summary>
    public SpillFile<T> Create<T>(MemoryReservation reservation, int batchSize) => new(CreateBatches(Encoder<T>.Exchange, reservation), batchSize);

    /// <summary>A new, empty spill file for column batches of <paramref name="layout"/>, written by <paramref name="reservation"/>'s operator.</summary>
    public BatchSpillFile CreateBatches(IEncoder layout, MemoryReservation reservation) =>
        new(store, store.SpillPath(jobId, $"spill-{reservation.OperatorId}-{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}.arrow"), allow, layout, reservation);
}

/// <summary>
/// Column batches an operator spilled, each an Arrow IPC stream (LZ4) with its length before it, read back one by one in
/// the order written. The file is deleted when disposed (and with its job's folder when the job ends, however it ends).
/// </summary>
internal sealed class BatchSpillFile : IDisposable
{
    private readonly BlockStore _store;
    private readonly Lazy<TypeAllowList> _allow;
    private readonly IEncoder _layout;
    private readonly MemoryReservation _reservation;
    private Stream? _writer;

    internal BatchSpillFile(BlockStore store, string path, Lazy<TypeAllowList> allow, IEncoder layout, MemoryReservation reservation)
    {
        _store = store;
        Path = path;
        _allow = allow;
        _layout = layout;
        _reservation = reservation;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The rows written.</summary>
    public long Rows { get; private set; }

    /// <summary>The bytes written.</summary>
    public long Bytes { get; private set; }

    /// <summary>Appends a batch; its bytes count as the operator's spill.</summary>
    public void Write(ColumnBatch batch)
    {
        byte[] bytes;
        try
        {
            bytes = new ArrowBlockCodec(_allow.Value).Encode(batch, _layout);
        }
        catch (NotSupportedException e)
        {
            throw new NotSupportedException($"{_reservation.Name} (operator {_reservation.OperatorId}) cannot spill its rows of type {Internal.TypeUtil.ShortName(_layout.RowType)}: {e.Message}", e);
        }

        try
        {
            _writer ??= _store.OpenSpillFile(Path);
            _writer.Write(BitConverter.GetBytes(bytes.Length));
            _writer.Write(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{_reservation.Name} (operator {_reservation.OperatorId}) could not write {bytes.Length:N0} bytes to its spill file {Path}: {e.Message}", e);
        }

        Rows += batch.Count;
        Bytes += bytes.Length + 4;
        _reservation.AddSpilled(bytes.Length + 4);
    }

    /// <summary>The batches written, one by one in the order written (the file is closed for writing first).</summary>
    public IEnumerable<ColumnBatch> Read()
    {
        if (_writer is null)
        {
            yield break;
        }

        _writer.Flush();
        _writer.Dispose();
        _writer = null;
        using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var length = new byte[4];
        while (file.Read(length) == 4)
        {
            var bytes = new byte[BitConverter.ToInt32(length)];
            file.ReadExactly(bytes);
            yield return new ArrowBlockCodec(_allow.Value).Decode(bytes, _layout);
        }
    }

    /// <summary>Closes and deletes the file.</summary>
    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
        BlockStore.DeleteFile(Path);
    }
}

/// <summary>Rows an operator spilled: appended in chunks of at most a batch and read back chunk by chunk in the order written.</summary>
internal sealed class SpillFile<T> : IDisposable
{
    private readonly BatchSpillFile _file;
    private readonly int _batchSize;

    internal SpillFile(BatchSpillFile file, int batchSize)
    {
        _file = file;
        _batchSize = Math.Max(1, batchSize);
    }

    /// <summary>The file.</summary>
    public string Path => _file.Path;

    /// <summary>The rows written.</summary>
    public long Rows => _file.Rows;

    /// <summary>The bytes written.</summary>
    public long Bytes => _file.Bytes;

    private static Encoder<T> Layout => Encoder<T>.Exchange;

    /// <summary>Appends <paramref name="count"/> rows from <paramref name="start"/>; the bytes count as the operator's spill.</summary>
    public void Write(T[] rows, int start, int count)
    {
        for (var at = start; at < start + count; at += _batchSize)
        {
            _file.Write(Layout.Encode(rows, at, Math.Min(_batchSize, start + count - at)));
        }
    }

    /// <summary>The rows written, chunk by chunk in the order written.</summary>
    public IEnumerable<T[]> Read() => _file.Read().Select(Layout.Decode);

    /// <summary>Closes and deletes the file.</summary>
    public void Dispose() => _file.Dispose();
}
