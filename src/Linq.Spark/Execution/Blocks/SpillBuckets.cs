using Linq.Spark.Buffers;
using Linq.Spark.Execution.Memory;

namespace Linq.Spark.Execution.Blocks;

/// <summary>How grace hash partitioning picks a row's bucket: other bits of its key's hash at each depth (a shuffle already split by the hash).</summary>
internal static class GraceHash
{
    /// <summary>How many buckets one split makes.</summary>
    public const int Fanout = 16;

    /// <summary>The seed of the splits at <paramref name="depth"/>.</summary>
    public static int Seed(int depth) => (int)(0x9E3779B9u * (uint)(depth + 1));

    /// <summary>The bucket, 0 to <see cref="Fanout"/> - 1, of a key's hash.</summary>
    public static int BucketOf(int hash, int seed) => (int)(KeyHashing.Mix(hash ^ seed) >> 28);
}

/// <summary>
/// Grace hash partitioning of what a keyed operator (aggregation, GroupBy, Distinct, Intersect/Except) spills: each
/// row goes to one of <see cref="Fanout"/> spill files by its key's hash, in the order written, so every row of a key
/// is in one bucket, in order. The operator then runs again over one bucket at a time, which holds about a sixteenth
/// of the keys; a bucket that still does not fit is split again with other bits of the hash, up to
/// <see cref="MaxDepth"/> times.
/// </summary>
internal sealed class SpillBuckets<TRow> : IDisposable
{
    /// <summary>How many buckets one split makes.</summary>
    public const int Fanout = GraceHash.Fanout;

    /// <summary>How many times a bucket may be split again before an operator that still does not fit fails.</summary>
    public const int MaxDepth = 4;

    private readonly SpillFile<TRow>[] _files;
    private readonly RowList<TRow>[] _pending;
    private readonly Func<TRow, int> _hash;
    private readonly int _seed;
    private readonly int _batchSize;

    /// <param name="spills">The job's spill files.</param>
    /// <param name="reservation">The operator's reservation (its spill is counted to it).</param>
    /// <param name="hash">A row's key hash.</param>
    /// <param name="depth">How many splits came before this one (0 for the operator's first).</param>
    /// <param name="batchSize">Rows per chunk in the files.</param>
    public SpillBuckets(SpillFiles spills, MemoryReservation reservation, Func<TRow, int> hash, int depth, int batchSize)
    {
        _hash = hash;
        _seed = GraceHash.Seed(depth);
        _batchSize = Math.Clamp(batchSize, 64, 16_384);
        Depth = depth;
        _files = new SpillFile<TRow>[Fanout];
        _pending = new RowList<TRow>[Fanout];
        for (var b = 0; b < Fanout; b++)
        {
            _files[b] = spills.Create<TRow>(reservation, _batchSize);
            _pending[b] = new RowList<TRow>();
        }
    }

    /// <summary>How many splits came before this one.</summary>
    public int Depth { get; }

    /// <summary>Writes rows to their buckets.</summary>
    public void Write(ReadOnlySpan<TRow> rows)
    {
        foreach (var row in rows)
        {
            var bucket = GraceHash.BucketOf(_hash(row), _seed);
            var pending = _pending[bucket];
            pending.Add(row);
            if (pending.Count == _batchSize)
            {
                _files[bucket].Write(pending.Items, 0, pending.Count);
                pending.Clear();
            }
        }
    }

    /// <summary>Each bucket's rows in the order written, chunk by chunk, one bucket after another (all <see cref="Fanout"/>, empty ones too); a bucket's file is deleted once read.</summary>
    public IEnumerable<IEnumerable<TRow[]>> Buckets()
    {
        for (var b = 0; b < Fanout; b++)
        {
            var pending = _pending[b];
            if (pending.Count > 0)
            {
                _files[b].Write(pending.Items, 0, pending.Count);
                pending.Clear();
            }
        }

        for (var b = 0; b < Fanout; b++)
        {
            yield return _files[b].Read();
            _files[b].Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }
    }
}
