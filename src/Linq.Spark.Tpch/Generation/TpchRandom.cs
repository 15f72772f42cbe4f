namespace Linq.Spark.Tpch;

/// <summary>
/// A small, fast SplitMix64 generator. Every chunk of every table gets its own stream, derived from the
/// data set's seed, the table and the chunk index, so generated data never depends on thread scheduling.
/// </summary>
internal struct TpchRandom
{
    private ulong _state;

    public TpchRandom(ulong seed, int table, int chunk)
    {
        _state = Mix(seed ^ Mix(0x5EED_0000_0000UL + ((ulong)(uint)table << 32) + (uint)chunk));
    }

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        return Mix(z);
    }

    /// <summary>A uniform integer in [min, maxInclusive].</summary>
    public int Next(int min, int maxInclusive)
    {
        ulong range = (ulong)((long)maxInclusive - min + 1);
        return (int)(min + (long)(((NextUInt64() >> 32) * range) >> 32));
    }

    /// <summary>A uniform element of <paramref name="values"/>.</summary>
    public T Pick<T>(T[] values) => values[Next(0, values.Length - 1)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
