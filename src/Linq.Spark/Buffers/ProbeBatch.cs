using System.Buffers;

namespace Linq.Spark.Buffers;

/// <summary>
/// The probes of one column batch into a join lookup, as a selection vector: each streamed row that reached the join
/// (its index in the batch) with its key, and, once looked up, the position of its first match or -1. Its arrays are
/// rented for the batch and handed back by <see cref="Dispose"/>.
/// </summary>
internal sealed class ProbeBatch : IDisposable
{
    /// <summary>Room for <paramref name="capacity"/> probes: one per row of a batch, as only filters and projections come before the join.</summary>
    public ProbeBatch(int capacity)
    {
        var length = Math.Max(capacity, 1);
        Keys = ArrayPool<long>.Shared.Rent(length);
        Rows = ArrayPool<int>.Shared.Rent(length);
        Matches = ArrayPool<int>.Shared.Rent(length);
    }

    /// <summary>Each probe's key, widened to a long.</summary>
    public long[] Keys { get; }

    /// <summary>Each probe's row index in the batch, in the batch's order.</summary>
    public int[] Rows { get; }

    /// <summary>Each probe's first matching build position (for a set of keys, 0 when the key is there), or -1.</summary>
    public int[] Matches { get; }

    /// <summary>How many probes there are: set by the kernel that gathered them.</summary>
    public int Count { get; set; }

    public void Dispose()
    {
        ArrayPool<long>.Shared.Return(Keys);
        ArrayPool<int>.Shared.Return(Rows);
        ArrayPool<int>.Shared.Return(Matches);
    }
}
