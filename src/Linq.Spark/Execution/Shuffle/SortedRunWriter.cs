using Linq.Spark.Columnar;
using Linq.Spark.Buffers;
using Linq.Spark.Execution.Memory;

namespace Linq.Spark.Execution.Shuffle;

/// <summary>
/// The sink of a range shuffle's map task: the rows as columns and, per row, its sort keys and index, which are sorted
/// afterwards to order the block. The buffers grow within the task's reservation; when it is refused, the rows so far
/// are sorted and handed on as one run (a block of their own, which goes to disk when memory is short), and the next
/// rows start the next run (Spark's sorter spilling sorted runs). Reducers merge every run of every map task.
/// </summary>
internal sealed class SortedRunWriter<TKeys> : ColumnShuffleWriter
{
    private readonly MemoryReservation? _reservation;
    private readonly Action<SortedRunWriter<TKeys>>? _handOn;

    /// <param name="encoder">The column layout of the exchanged rows.</param>
    /// <param name="mapId">The map task.</param>
    /// <param name="reservation">The task's reservation for the buffers, or null to hold every row.</param>
    /// <param name="handOn">Sorts and hands on the rows so far as a run (then <see cref="StartRun"/> is called).</param>
    public SortedRunWriter(IEncoder encoder, int mapId, MemoryReservation? reservation = null, Action<SortedRunWriter<TKeys>>? handOn = null)
        : base(encoder, [.. encoder.Columns.Select(_ => true)], 1, mapId)
    {
        _reservation = reservation;
        _handOn = handOn;
    }

    public RowList<SortEntry<TKeys>> Entries { get; } = new();

    /// <summary>Records the sort keys of the row appended last.</summary>
    public void AddKeys(TKeys keys) => Entries.Add(new SortEntry<TKeys>(keys, Counts[0] - 1));

    /// <summary>Empties the buffers for the next run.</summary>
    public void StartRun()
    {
        Empty(0);
        Entries.Clear();
        _reservation?.Free();
    }

    protected override bool MayGrow(int reducer, int rows)
    {
        if (_reservation is null || _reservation.TryGrowTo(Math.Max(256, rows * 2L) * (RowBytes + MemorySize.Of<SortEntry<TKeys>>())))
        {
            return true;
        }

        _handOn!(this);
        return false;
    }
}

/// <summary>One row's sort keys and its index in the map task's block.</summary>
internal readonly record struct SortEntry<TKeys>(TKeys Keys, int Row);
