using Linq.Spark.Columnar;
using Linq.Spark.Buffers;

namespace Linq.Spark.Execution.Shuffle;

/// <summary>
/// The sink of a shuffle map task: per reducer, one growing typed array per column of the exchanged row type and a
/// validity bitmap per nullable column. Kernels append a row as its member values (<see cref="Reserve"/>, then one
/// store per column), so a row that exists only as a projection's values never becomes an object.
/// </summary>
internal class ColumnShuffleWriter
{
    private const int InitialCapacity = 256;
    private readonly int[] _capacity;
    private int _nextReducer;

    /// <param name="encoder">The column layout of the exchanged rows.</param>
    /// <param name="written">Which columns are written; the others stay null in every batch.</param>
    /// <param name="reducers">How many reduce partitions the rows are split into.</param>
    /// <param name="mapId">The map task; round-robin dealing starts at a place set by it.</param>
    public ColumnShuffleWriter(IEncoder encoder, bool[] written, int reducers, int mapId)
    {
        Counts = new int[reducers];
        _capacity = new int[reducers];
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
            Validity[c] = encoder.Columns[c].IsNullable ? Enumerable.Range(0, reducers).Select(_ => Array.Empty<ulong>()).ToArray() : null;
        }
    }

    /// <summary>Rows written so far, per reducer.</summary>
    public int[] Counts { get; }

    /// <summary>Per written column, a V[][]: the column's values array for each reducer (longer than its row count).</summary>
    public Array?[] Values { get; }

    /// <summary>Per nullable column, the validity bitmap for each reducer.</summary>
    public ulong[]?[]?[] Validity { get; }

    /// <summary>Claims the next row index of a reducer's buffers, growing them when full.</summary>
    public int Reserve(int reducer)
    {
        var index = Counts[reducer];
        if (index == _capacity[reducer])
        {
            Grow(reducer);
        }

        Counts[reducer] = index + 1;
        return index;
    }

    /// <summary>The reducer that the next row of a round-robin shuffle goes to.</summary>
    public int NextReducer()
    {
        var reducer = _nextReducer;
        _nextReducer = reducer + 1 == Counts.Length ? 0 : reducer + 1;
        return reducer;
    }

    /// <summary>The written rows as one column batch per reducer.</summary>
    public ColumnBatch[] Batches() =>
        Enumerable.Range(0, Counts.Length).Select(r => new ColumnBatch(
            Counts[r],
            Values.Select(v => (Array?)v?.GetValue(r)).ToArray(),
            Validity.Select(v => v?[r]).ToArray(),
            new string[]?[Values.Length])).ToArray();

    private void Grow(int reducer)
    {
        var capacity = Math.Max(InitialCapacity, _capacity[reducer] * 2);
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
                Array.Resize(ref validity[reducer], capacity >> 6);
            }
        }

        _capacity[reducer] = capacity;
    }
}
