using Linq.Spark.Buffers;

namespace Linq.Spark.Tests;

/// <summary>
/// Join lookups over int and long keys against LINQ: keys close together get the dense index over their range, keys
/// spread wide (or at the ends of the long range) the hash table, and both answer alike, as key sets and as chains of
/// rows per key.
/// </summary>
public sealed class JoinLookupTests
{
    public static TheoryData<long[]> KeySets => new()
    {
        Array.Empty<long>(),
        new long[] { 42 },
        Enumerable.Range(0, 5_000).Select(i => (long)(i * 3) - 7_000).ToArray(),
        Enumerable.Range(0, 5_000).Select(i => (long)i * 1_000_003).ToArray(),
        new long[] { long.MinValue, -1, 0, 1, long.MaxValue },
        new long[] { long.MaxValue - 10, long.MaxValue, long.MaxValue - 3 },
    };

    [Theory]
    [MemberData(nameof(KeySets))]
    public void Contains_longKeysBuiltFromRows_answersLikeAHashSet(long[] keys)
    {
        var rows = keys.Concat(keys.Take(10)).ToArray();
        var lookup = new JoinLookup<long, long>(null, rows, rows.Length, k => k, keysOnly: true);

        var expected = keys.ToHashSet();
        foreach (var probe in Probes(keys))
        {
            Assert.Equal(expected.Contains(probe), lookup.Contains(probe));
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-100, 1)]
    [InlineData(1, 7)]
    [InlineData(1, 100_000)]
    public void Contains_intKeysAddedByAKernel_answersLikeAHashSet(int start, int step)
    {
        var keys = Enumerable.Range(0, 3_000).Select(i => start + i * step).ToArray();
        var lookup = new JoinLookup<int, int>(null, keys.Length, keysOnly: true);
        for (var i = 0; i < keys.Length; i++)
        {
            lookup.Add(keys[i], i);
        }

        ((IColumnJoinLookup)lookup).Attach(null!, null!);

        var expected = keys.ToHashSet();
        foreach (var probe in Probes(keys.Select(k => (long)k)).Where(p => p is >= int.MinValue and <= int.MaxValue))
        {
            Assert.Equal(expected.Contains((int)probe), lookup.Contains((int)probe));
        }
    }

    [Fact]
    public void Contains_withAComparer_usesItsEquality()
    {
        var rows = new[] { "Alpha", "beta", null };
        var lookup = new JoinLookup<string, string>(StringComparer.OrdinalIgnoreCase, rows!, rows.Length, k => k!, keysOnly: true);

        Assert.True(lookup.Contains("ALPHA"));
        Assert.True(lookup.Contains("Beta"));
        Assert.False(lookup.Contains("gamma"));
        Assert.False(lookup.Contains(null!));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1_000_003)]
    public void First_intKeysWithDuplicates_chainsEachKeysRowsInInputOrder(int step)
    {
        // Dense keys (step 1) get the bitmap index, spread keys (a million apart) the hash table: the chains are the same.
        var keys = Enumerable.Range(0, 4_000).Select(i => (i * 7 % 1_500) * step - 3).ToArray();
        var lookup = new JoinLookup<int, int>(null, keys, keys.Length, k => k);

        foreach (var key in keys.Distinct().Concat([-4, 1_500 * step, int.MinValue, int.MaxValue]))
        {
            var chain = new List<int>();
            for (var position = lookup.First(key); position >= 0; position = lookup.Next(position))
            {
                chain.Add(lookup.Rows[position]);
            }

            Assert.Equal(Enumerable.Range(0, keys.Length).Where(i => keys[i] == key), chain);
            Assert.Equal(chain.Select(i => keys[i]), lookup.Group(key));
        }
    }

    /// <summary>Every key, its neighbours, and values far outside the keys' range.</summary>
    [Theory]
    [MemberData(nameof(KeySets))]
    public void FindFirst_aBatchOfKeys_answersAsFirstAndContainsDoOneByOne(long[] keys)
    {
        var rows = keys.Concat(keys.Take(3)).ToArray();
        var lookup = new JoinLookup<long, long>(null, rows, rows.Length, k => k);
        var set = new JoinLookup<long, long>(null, rows, rows.Length, k => k, keysOnly: true);
        var probes = Probes(keys).ToArray();

        using var batch = Gathered(probes);
        lookup.FindFirst(batch);
        using var setBatch = Gathered(probes);
        set.FindFirst(setBatch);

        for (var i = 0; i < probes.Length; i++)
        {
            Assert.Equal(lookup.First(probes[i]), batch.Matches[i]);
            Assert.Equal(set.Contains(probes[i]) ? 0 : -1, setBatch.Matches[i]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1_000_003)]
    public void Next_uniqueKeysEndEveryChainAtOnce_andDuplicatesChainTheirRows(int step)
    {
        var unique = Enumerable.Range(0, 2_000).Select(i => i * step).ToArray();
        var uniqueLookup = new JoinLookup<int, int>(null, unique, unique.Length, k => k);
        var duplicated = unique.Concat([step * 5, step * 5]).ToArray();
        var duplicatedLookup = new JoinLookup<int, int>(null, duplicated, duplicated.Length, k => k);

        Assert.All(unique, k => Assert.Equal(-1, uniqueLookup.Next(uniqueLookup.First(k))));
        Assert.Equal([step * 5, step * 5, step * 5], Chain(duplicatedLookup, step * 5));
        Assert.Equal([step * 6], Chain(duplicatedLookup, step * 6));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1_000_003)]
    public void Group_countsContainsAndCopiesLikeLinqsGroupJoinGroup(int step)
    {
        var rows = Enumerable.Range(0, 3_000).Select(i => (Key: (i % 700) * step, Id: i)).ToArray();
        var lookup = new JoinLookup<int, (int Key, int Id)>(null, rows, rows.Length, r => r.Key);

        foreach (var key in new[] { 0, step, 699 * step, 700 * step, -1 })
        {
            var expected = rows.Where(r => r.Key == key).ToList();
            var group = lookup.Group(key);

            Assert.Equal(expected.Count, group.Count());
            Assert.Equal(expected.Count > 0, group.Any());
            Assert.Equal(expected, group.ToList());
            Assert.Equal(expected, group.ToArray());
            Assert.Equal(expected.Count > 0, group.Contains((key, expected.FirstOrDefault().Id)));
            var containsMissing = group.Contains((key, -5));
            Assert.False(containsMissing);
            if (group is ICollection<(int Key, int Id)> collection && expected.Count > 0)
            {
                Assert.True(collection.IsReadOnly);
                Assert.Throws<NotSupportedException>(() => collection.Add(default));
                Assert.Throws<ArgumentException>(() => collection.CopyTo(new (int, int)[expected.Count - 1], 0));
            }
        }
    }

    private static ProbeBatch Gathered(long[] keys)
    {
        var batch = new ProbeBatch(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            batch.Keys[i] = keys[i];
            batch.Rows[i] = i;
        }

        batch.Count = keys.Length;
        return batch;
    }

    private static List<int> Chain(JoinLookup<int, int> lookup, int key)
    {
        var rows = new List<int>();
        for (var p = lookup.First(key); p >= 0; p = lookup.Next(p))
        {
            rows.Add(lookup.Values[p]);
        }

        return rows;
    }

    private static IEnumerable<long> Probes(IEnumerable<long> keys) =>
        keys.SelectMany(k => new[] { k, unchecked(k - 1), unchecked(k + 1) })
            .Concat([long.MinValue, long.MinValue + 1, -1, 0, 1, int.MaxValue, long.MaxValue - 1, long.MaxValue]);
}
