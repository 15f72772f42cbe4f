using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of the actions that materialize a query: ToList, ToArray, ToDictionary, ToLookup, ToHashSet, foreach,
/// ToListAsync and AsAsyncEnumerable.</summary>
public sealed class ConversionTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    [Fact]
    public void ToList_narrowChain_keepsSourceOrder() =>
        AssertScalar(Rows, q => q.Where(x => x.B < 0).Select(x => new { x.Id, x.B }).ToList());

    [Fact]
    public void ToArray_narrowChain_keepsSourceOrder() =>
        AssertScalar(Rows, q => q.Select(x => x.Name).ToArray());

    [Fact]
    public void ToList_afterGroupBy_isTheSameMultiset() =>
        AssertScalar(Rows, q => q.GroupBy(x => x.Kind).Select(g => new { g.Key, Count = g.Count() }).ToList(), unordered: true);

    [Fact]
    public void ToDictionary_uniqueKey_matchesLinq() =>
        AssertScalar(Rows, q => q.ToDictionary(x => x.Id));

    [Fact]
    public void ToDictionary_keyAndElement_matchesLinq() =>
        AssertScalar(Rows, q => q.Where(x => x.Id % 3 == 0).ToDictionary(x => x.Id, x => x.Name));

    [Fact]
    public void ToDictionary_duplicateKeys_throwsArgumentException() =>
        AssertScalar(Rows, q => q.ToDictionary(x => x.Key));

    [Fact]
    public void ToDictionary_withComparer_matchesLinq() =>
        AssertScalar(Rows, q => q.Where(x => x.Name != null).DistinctBy(x => x.Name).ToDictionary(x => x.Name!, x => x.Key, StringComparer.Ordinal));

    [Fact]
    public void ToDictionary_afterGroupBy_matchesLinq() =>
        AssertScalar(Rows, q => q.GroupBy(x => x.Key).Select(g => new { g.Key, Sum = g.Sum(x => x.A) }).ToDictionary(p => p.Key, p => p.Sum));

    [Fact]
    public void ToLookup_key_groupsKeepSourceOrder() =>
        AssertScalar(Rows, q => q.ToLookup(x => x.Kind));

    [Fact]
    public void ToLookup_nullKeyAndElementSelector_matchesLinq() =>
        AssertScalar(Rows, q => q.ToLookup(x => x.N, x => x.Id));

    [Fact]
    public void ToLookup_withComparer_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.Name).ToLookup(n => n, StringComparer.OrdinalIgnoreCase).Select(g => new { Key = g.Key == null ? null : g.Key.ToUpperInvariant(), Count = g.Count() }).ToHashSet());

    [Fact]
    public void ToHashSet_source_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.Key).ToHashSet());

    [Fact]
    public void ToHashSet_withComparer_matchesLinq() =>
        AssertScalar(Rows, q => q.Select(x => x.Name ?? "").ToHashSet(StringComparer.OrdinalIgnoreCase).Count);

    [Fact]
    public void Foreach_enumeration_visitsRowsInSourceOrder() =>
        AssertScalar(Rows, q =>
        {
            var ids = new List<int>();
            foreach (var row in q.Where(x => x.Kind != Kind.Alpha))
            {
                ids.Add(row.Id);
            }

            return ids;
        });

    [Fact]
    public void Foreach_breakEarly_returnsPrefix() =>
        AssertScalar(Rows, q =>
        {
            var ids = new List<int>();
            foreach (var row in q)
            {
                if (ids.Count == 5)
                {
                    break;
                }

                ids.Add(row.Id);
            }

            return ids;
        });

    [Fact]
    public void AsEnumerable_thenClientSideOperators_matchesLinq() =>
        AssertScalar(Rows, q => q.Where(x => x.Key > 5).AsEnumerable().Select((x, i) => x.Id * 1000 + i).Reverse().ToList());

    [Fact]
    public void ToListAsync_narrowChain_keepsSourceOrder() =>
        AssertScalar(
            Rows,
            q => RunAsync(() => q.Where(x => x.N > 0).Select(x => x.Id).ToListAsync()),
            q => q.Where(x => x.N > 0).Select(x => x.Id).ToList());

    [Fact]
    public void ToListAsync_afterGroupBy_isTheSameMultiset() =>
        AssertScalar(
            Rows,
            q => RunAsync(() => q.GroupBy(x => x.Key % 4).Select(g => new { g.Key, Max = g.Max(x => x.B) }).ToListAsync()),
            q => q.GroupBy(x => x.Key % 4).Select(g => new { g.Key, Max = g.Max(x => x.B) }).ToList(),
            unordered: true);

    [Fact]
    public void AsAsyncEnumerable_narrowChain_keepsSourceOrder() =>
        AssertScalar(
            Rows,
            q => RunAsync(() => Collect(q.Where(x => x.Name != null).Select(x => x.Name!).AsAsyncEnumerable())),
            q => q.Where(x => x.Name != null).Select(x => x.Name!).ToList());

    [Fact]
    public void ToListAsync_userLambdaThrows_faultsWithSameExceptionType() =>
        AssertScalar(
            Rows,
            q => RunAsync(() => q.Select(x => 7 / (x.Id - 8)).ToListAsync()),
            q => q.Select(x => 7 / (x.Id - 8)).ToList());

    private static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
