namespace Linq.Spark.Tests;

/// <summary>Deterministic data shared by all tests: built once, never mutated.</summary>
/// <remarks>
/// Rows have duplicate keys, a skewed key (about half of all rows have <see cref="SkewedKey"/>), null names and
/// null <see cref="Row.N"/> values (null keys), and doubles that are small multiples of 0.25 so that every sum is exact
/// in any order. Oracle tests take prefixes of these lists, so the sizes 0, 1, 2, 15, 16 and 1000 see the same rows.
/// </remarks>
public static class TestData
{
    /// <summary>The key that most rows share.</summary>
    public const int SkewedKey = 7;

    /// <summary>The sizes the oracle runs every query at (prefixes of the data, capped at its length).</summary>
    public static readonly int[] Sizes = [0, 1, 2, 15, 16, 1000];

    /// <summary>The partition counts the oracle runs every query at.</summary>
    public static readonly int[] Partitions = [1, 2, 3, 8];

    private static readonly string?[] NamePool = ["alpha", "ALPHA", "beta", "Beta", "gamma", "", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"];

    /// <summary>1000 rows; prefixes of it are the smaller sizes.</summary>
    public static IReadOnlyList<Row> Rows { get; } = CreateRows(1000);

    /// <summary>60 dimension rows over keys 0..49: keys 3 and 7 appear twice, keys 11 and 13 never, one row has Region null.</summary>
    public static IReadOnlyList<Dim> Dims { get; } = CreateDims();

    /// <summary>A second row set with other ids and keys, for set operations and joins between two session sources.</summary>
    public static IReadOnlyList<Row> OtherRows { get; } = CreateRows(400, salt: 0x5bd1e995).Select(r => r with { Id = r.Id + 500 }).ToList();

    /// <summary>Builds <paramref name="count"/> rows from a fixed hash of the row index.</summary>
    public static IReadOnlyList<Row> CreateRows(int count, uint salt = 0)
    {
        var rows = new List<Row>(count);
        for (int i = 0; i < count; i++)
        {
            uint h = Mix((uint)i ^ salt);
            uint h2 = Mix(h);
            int key = h % 10 < 5 ? SkewedKey : (int)(h2 % 23);
            long a = h2 % 97 == 0 ? 3_000_000_000L + i : (long)(h2 % 2001) - 1000;
            double b = ((int)(h % 81) - 40) * 0.25;
            string? name = h2 % 7 == 0 ? null : NamePool[(int)((h >> 8) % (uint)NamePool.Length)];
            var d = new DateOnly(2024, 1, 1).AddDays((int)((h >> 4) % 400));
            var kind = (Kind)((h >> 12) % 4);
            int? n = (h >> 16) % 5 == 0 ? null : (int)((h >> 20) % 9) - 4;
            rows.Add(new Row(i, key, a, b, name, d, kind, n));
        }

        return rows;
    }

    /// <summary>The first <paramref name="size"/> elements of <paramref name="data"/>.</summary>
    public static IReadOnlyList<T> Prefix<T>(IReadOnlyList<T> data, int size) =>
        size >= data.Count ? data : data.Take(size).ToList();

    /// <summary>The oracle sizes that fit in <paramref name="count"/>, plus <paramref name="count"/> itself.</summary>
    public static IReadOnlyList<int> SizesFor(int count) =>
        Sizes.Where(s => s <= count).Append(count).Distinct().ToList();

    private static List<Dim> CreateDims()
    {
        var dims = new List<Dim>();
        for (int k = 0; k < 50; k++)
        {
            if (k is 11 or 13)
            {
                continue;
            }

            dims.Add(new Dim(k, $"L{k}", k % 6 == 5 ? null : k % 4));
        }

        dims.Add(new Dim(3, "L3b", 1));
        dims.Add(new Dim(SkewedKey, "L7b", 2));
        while (dims.Count < 60)
        {
            int k = 50 + dims.Count;
            dims.Add(new Dim(k, $"X{k}", null));
        }

        return dims;
    }

    private static uint Mix(uint x)
    {
        unchecked
        {
            x += 0x9E3779B9u;
            x ^= x >> 16;
            x *= 0x85EBCA6Bu;
            x ^= x >> 13;
            x *= 0xC2B2AE35u;
            x ^= x >> 16;
            return x;
        }
    }
}
