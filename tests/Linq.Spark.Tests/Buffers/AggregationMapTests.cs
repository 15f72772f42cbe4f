using Linq.Spark.Buffers;

namespace Linq.Spark.Tests;

/// <summary>
/// The aggregation hash table against a dictionary, at sizes whose arrays come from the shared pools: a table filled
/// after another one was released over the same pools must not see the earlier table's keys, states or buckets.
/// </summary>
public sealed class AggregationMapTests
{
    [Theory]
    [InlineData(10, false)]
    [InlineData(5_000, false)]
    [InlineData(300_000, false)]
    [InlineData(5_000, true)]
    [InlineData(300_000, true)]
    public void FindOrAdd_afterReleasedTables_countsLikeADictionary(int distinct, bool presized)
    {
        for (var round = 0; round < 3; round++)
        {
            // Hashed keys (beyond the direct range) and small ones (the direct array), different in every round.
            var keys = Enumerable.Range(0, distinct * 3).Select(i => i % 2 == 0 ? (i % distinct) + round : 3_000_000 + (i % distinct) * 7 + round).ToList();
            var map = presized ? new AggregationMap<int, long>(null, keys.Count) : new AggregationMap<int, long>(null);
            foreach (var key in keys)
            {
                var slot = map.FindOrAdd(key);
                map.States[slot < 0 ? ~slot : slot] += key;
            }

            var expected = keys.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Sum(k => (long)k));
            Assert.Equal(expected.Count, map.Count);
            for (var slot = 0; slot < map.Count; slot++)
            {
                Assert.Equal(expected[map.Keys[slot]], map.States[slot]);
                Assert.Equal(slot, map.Find(map.Keys[slot]));
            }

            Assert.Equal(-1, map.Find(-5));
            Assert.Equal(-1, map.Find(2_999_999));
            map.Release();
            Assert.Equal(0, map.Count);
        }
    }

    [Fact]
    public void FindOrAdd_stringKeysAfterReleasedTables_keepFirstAppearanceOrder()
    {
        for (var round = 0; round < 3; round++)
        {
            var keys = Enumerable.Range(0, 20_000).Select(i => $"k{(i * 7919) % 9_000}-{round}").ToList();
            var map = new AggregationMap<string, int>(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                var slot = map.FindOrAdd(key);
                map.States[slot < 0 ? ~slot : slot]++;
            }

            var expected = keys.Distinct().ToList();
            Assert.Equal(expected, map.Keys.Take(map.Count));
            Assert.Equal(keys.Count, map.States.Take(map.Count).Sum());
            map.Release();
        }
    }

    [Fact]
    public void SparseIntKeys_areHashedInsteadOfGrowingTheDirectIndex()
    {
        // 100 keys spread over a million: a direct index would take 4 MB; the hashed table takes a few KB.
        var map = new AggregationMap<int, long>(null);
        var keys = Enumerable.Range(0, 100).Select(i => (i * 10_007) + 5).Concat([1, 2, 3]).ToList();
        foreach (var key in keys.Concat(keys))
        {
            var slot = map.FindOrAdd(key);
            map.States[slot < 0 ? ~slot : slot]++;
        }

        Assert.Equal(keys.Count, map.Count);
        Assert.All(keys, k => Assert.Equal(2, map.States[map.Find(k)]));
        Assert.InRange(map.ArrayBytes, 1, 16 * 1024);
        map.Reset();
        Assert.Equal(0, map.Count);
        Assert.Equal(-1, map.Find(5));
        Assert.Equal(~0, map.FindOrAdd(5));
    }

    [Theory]
    [InlineData(3_000_001, 4)]
    [InlineData(-2_000_000, 3)]
    [InlineData(int.MaxValue - 40_000, 1)]
    [InlineData(int.MinValue, 2)]
    public void KeysThatStartHighAndRise_andKeysBelowTheirStartLater_countLikeADictionary(int start, int step)
    {
        // A partition of order keys starts far from zero: the direct index starts at its first key's block. Keys that
        // come later below that block, or beyond the direct range, are hashed; every key is still found in one place.
        var rising = Enumerable.Range(0, 20_000).Select(i => (int)Math.Clamp((long)start + ((long)i * step), int.MinValue, int.MaxValue));
        var later = new[] { 0, 1, 255, 256, -1, start - 1, start - 256, int.MinValue, int.MaxValue, start + (step * 20_000) + 9_000_000 };
        var keys = rising.Concat(rising.Take(500)).Concat(later).Concat(later).ToList();
        var map = new AggregationMap<int, long>(null);
        foreach (var key in keys)
        {
            var slot = map.FindOrAdd(key);
            map.States[slot < 0 ? ~slot : slot]++;
        }

        var expected = keys.GroupBy(k => k).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected.Count, map.Count);
        Assert.All(expected, pair => Assert.Equal(pair.Value, map.States[map.Find(pair.Key)]));
        Assert.Equal(keys.Distinct().ToList(), map.Keys.Take(map.Count).ToList());
    }
}
