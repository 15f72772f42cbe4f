using Linq.Spark.Columnar;
using Linq.Spark.Buffers;

namespace Linq.Spark.Execution.Shuffle;

/// <summary>
/// The sink of a shuffle map task: per reducer, one growing typed array per column of the exchanged row type and a
/// validity bitmap per nullable column. Kernels append a row as its member values (<see cref="Reserve"/>, then one
/// store per column), so a row that exists only as a projection's values never becomes an object. A reducer's
/// buffer that reaches the batch size is handed on as one block and started afresh, so a map task holds at most one
/// batch per reducer however many rows it writes.
/// </summary>
internal class ColumnShuffleWriter
{
    /// <summary>Stores reducer's block number batch; returns its size in bytes.</summary>
    public delegate long BlockSink(int reducer, int batch, ColumnBatch rows);

    private const int InitialCapacity = 256;
    private readonly int[] _capacity;
    private readonly int _batchSize;
    private readonly BlockSink? _blocks;
    private readonly Memory.MemoryReservation? _reservation;
    private long _bufferedRows;
    private bool _memoryShort;
    private int _nextReducer;

    /// <param name="encoder">The column layout of the exchanged rows.</param>
    /// <param name="written">Which columns are written; the others stay null in every batch.</param>
    /// <param name="reducers">How many reduce partitions the rows are split into.</param>
    /// <param name="mapId">The map task; round-robin dealing starts at a place set by it.</param>
    /// <param name="batchSize">Rows per block; a writer without <paramref name="blocks"/> keeps every row.</param>
    /// <param name="blocks">Where full batches go, or null to keep them all (for <see cref="Batches"/>).</param>
    /// <param name="reservation">
    /// The map task's reservation for the buffers, or null: past it a reducer's buffer is handed on as a block before it
    /// is full, and buffers grow from small again (a task's minimum is one small buffer per reducer).
    /// </param>
    public ColumnShuffleWriter(IEncoder encoder, bool[] written, int reducers, int mapId, int batchSize = int.MaxValue, BlockSink? blocks = null, Memory.MemoryReservation? reservation = null)
    {
        _reservation = blocks is null ? null : reservation;
        Counts = new int[reducers];
        Rows = new long[reducers];
        Bytes = new long[reducers];
        BlocksWritten = new int[reducers];
        _capacity = new int[reducers];
        _batchSize = blocks is null ? int.MaxValue : batchSize;
        _blocks = blocks;
        _nextReducer = (int)(KeyHashing.Mix(mapId) % (uint)reducers);
        Values = new Array?[encoder.Columns.Count];
        Validity = new ulong[]?[]?[encoder.Columns.Count];
        for (var c = 0; c < Values.Length; c++)
        {
            if (!written[c])
            {
                continue;
            }

            var storage = encoder.Columns[c].StorageType;
            var perReducer = Array.CreateInstance(storage.MakeArrayType(), reducers);
            for (var r = 0; r < reducers; r++)
            {
                perReducer.SetValue(Array.CreateInstance(storage, 0), r);
            }

            Values[c] = perReducer;
            RowBytes += storage.IsValueType ? Internal.TypeUtil.EstimatedSize(storage) : 8;
            Validity[c] = encoder.Columns[c].IsNullable ? Enumerable.Range(0, reducers).Select(_ => Array.Empty<ulong>()).ToArray() : null;
        }
    }

    /// <summary>Rows in each reducer's current batch.</summary>
    public int[] Counts { get; }

    /// <summary>Rows written so far, per reducer.</summary>
    public long[] Rows { get; }

    /// <summary>Bytes of the blocks handed on, per reducer.</summary>
    public long[] Bytes { get; }

    /// <summary>Blocks handed on, per reducer.</summary>
    public int[] BlocksWritten { get; }

    /// <summary>Per written column, a V[][]: the column's values array for each reducer (longer than its row count).</summary>
    public Array?[] Values { get; }

    /// <summary>Per nullable column, the validity bitmap for each reducer.</summary>
    public ulong[]?[]?[] Validity { get; }

    /// <summary>The capacity a reducer's buffers have now.</summary>
    protected int Capacity(int reducer) => _capacity[reducer];

    /// <summary>Claims the next row index of a reducer's buffers, growing them when full.</summary>
    public int Reserve(int reducer)
    {
        var index = Counts[reducer];
        if (index == _capacity[reducer])
        {
            if (index == _batchSize)
            {
                Flush(reducer);
                index = 0;
            }
            else if (index > 0 && !MayGrow(reducer, index))
            {
                // The writer handed its rows on (a sorted run that did not fit in memory) and starts afresh.
                index = 0;
            }

            Grow(reducer);
        }

        Counts[reducer] = index + 1;
        Rows[reducer]++;
        return index;
    }

    /// <summary>Hands on every reducer's last, partly filled batch.</summary>
    public void Finish()
    {
        for (var r = 0; r < Counts.Length; r++)
        {
            if (Counts[r] > 0)
            {
                Flush(r);
            }
        }
    }

    /// <summary>The reducer that the next row of a round-robin shuffle goes to.</summary>
    public int NextReducer()
    {
        var reducer = _nextReducer;
        _nextReducer = reducer + 1 == Counts.Length ? 0 : reducer + 1;
        return reducer;
    }

    /// <summary>The written rows as one column batch per reducer (a writer that keeps every row).</summary>
    public ColumnBatch[] Batches() => [.. Enumerable.Range(0, Counts.Length).Select(Current)];

    private ColumnBatch Current(int reducer) => new(
        Counts[reducer],
        [.. Values.Select(v => (Array?)v?.GetValue(reducer))],
        [.. Validity.Select(v => v?[reducer])],
        new string[]?[Values.Length]);

    /// <summary>
    /// Hands the reducer's batch on as its next block and leaves it without buffers: new ones, of a whole batch, are
    /// taken only when a row comes (a map task's last flush allocates nothing).
    /// </summary>
    private void Flush(int reducer)
    {
        Bytes[reducer] += _blocks!(reducer, BlocksWritten[reducer]++, Current(reducer));
        Empty(reducer);
    }

    /// <summary>
    /// Whether a reducer's full buffers of <paramref name="rows"/> rows may grow; a writer that must stay within memory
    /// may instead hand the rows on and <see cref="Empty"/> the buffers, and return false.
    /// </summary>
    protected virtual bool MayGrow(int reducer, int rows)
    {
        if (_reservation is null || _reservation.TryGrowTo((_bufferedRows + rows) * RowBytes))
        {
            return true;
        }

        _memoryShort = true;
        Flush(reducer);
        _reservation.ShrinkTo(_bufferedRows * RowBytes);
        return false;
    }

    /// <summary>The rows one row takes in a reducer's buffers: each written column's value width (8 for references).</summary>
    protected long RowBytes { get; }

    /// <summary>Leaves a reducer without rows or buffers (new ones are taken when a row comes).</summary>
    protected void Empty(int reducer)
    {
        for (var c = 0; c < Values.Length; c++)
        {
            if (Values[c] is { } perReducer)
            {
                perReducer.SetValue(Array.CreateInstance(perReducer.GetType().GetElementType()!.GetElementType()!, 0), reducer);
                if (Validity[c] is { } validity)
                {
                    validity[reducer] = [];
                }
            }
        }

        _bufferedRows -= _capacity[reducer];
        _capacity[reducer] = 0;
        Counts[reducer] = 0;
    }

    private void Grow(int reducer)
    {
        // A reducer that has filled a batch before is likely to fill the next one: its buffers start at a whole batch.
        // (Unless memory ran short: then buffers grow by doubling, each step within the reservation.)
        var capacity = BlocksWritten[reducer] > 0 && !_memoryShort ? _batchSize : (int)Math.Min(_batchSize, Math.Max(InitialCapacity, _capacity[reducer] * 2L));
        for (var c = 0; c < Values.Length; c++)
        {
            if (Values[c] is not { } perReducer)
            {
                continue;
            }

            var old = (Array)perReducer.GetValue(reducer)!;
            var grown = Array.CreateInstance(old.GetType().GetElementType()!, capacity);
            Array.Copy(old, grown, Counts[reducer]);
            perReducer.SetValue(grown, reducer);
            if (Validity[c] is { } validity)
            {
                Array.Resize(ref validity[reducer], (capacity + 63) >> 6);
            }
        }

        _bufferedRows += capacity - _capacity[reducer];
        _capacity[reducer] = capacity;
    }
}
