using System.Linq.Expressions;
using Linq.Spark.Buffers;

namespace Linq.Spark.Tests;

/// <summary>
/// The hash shuffles partition by: equal keys hash alike whatever their shape, the compiled kernel form agrees with the
/// delegate form, and the values are pinned, so a hash seeded per process (as .NET's string hash and HashCode are) fails
/// here in the next test run.
/// </summary>
public sealed class StableHashTests
{
    public sealed record Person(string Name, int Age);

    public readonly record struct Point(string Label, double X);

    public struct Plain
    {
        public string Name;
        public long Id;
    }

    [Fact]
    public void Values_arePinned_soEveryProcessPartitionsAlike()
    {
        Assert.Equal(PinnedString, StableHash.Of("TPC-H"));
        Assert.Equal(PinnedTuple, StableHash.Of(("BUILDING", 7)));
        Assert.Equal(PinnedAnonymous, StableHash.Of(new { Flag = "R", Status = "F" }));
        Assert.Equal(PinnedRecord, StableHash.Of(new Person("Ada", 36)));
        Assert.Equal(42, StableHash.Of(42));
        Assert.Equal(5, StableHash.Of(DayOfWeek.Friday));
        Assert.Equal(0, StableHash.Of<string?>(null));
    }

    [Fact]
    public void EqualKeys_hashAlike_inEveryShape()
    {
        // Built apart so that no two strings are the same instance.
        string Text(string s) => new([.. s]);

        Assert.Equal(StableHash.Of(("a", 1, 2.5)), StableHash.Of((Text("a"), 1, 2.5)));
        Assert.Equal(StableHash.Of(Tuple.Create("a", 1)), StableHash.Of(Tuple.Create(Text("a"), 1)));
        Assert.Equal(StableHash.Of(new { A = "x", B = (int?)null }), StableHash.Of(new { A = Text("x"), B = (int?)null }));
        Assert.Equal(StableHash.Of(new Person("Ada", 36)), StableHash.Of(new Person(Text("Ada"), 36)));
        Assert.Equal(StableHash.Of(new Point("p", 1.5)), StableHash.Of(new Point(Text("p"), 1.5)));
        Assert.Equal(StableHash.Of(new Plain { Name = "n", Id = 9 }), StableHash.Of(new Plain { Name = Text("n"), Id = 9 }));
        Assert.Equal(StableHash.Of(KeyValuePair.Create("k", (string?)"v")), StableHash.Of(KeyValuePair.Create(Text("k"), (string?)Text("v"))));
        Assert.Equal(StableHash.Of(new { Outer = new { Inner = ("deep", "er") } }), StableHash.Of(new { Outer = new { Inner = (Text("deep"), Text("er")) } }));
        Assert.NotEqual(StableHash.Of(("a", "b")), StableHash.Of(("b", "a")));
    }

    [Fact]
    public void OrdinalComparers_hashStably_andIgnoreCaseAsTheirEqualityDoes()
    {
        Assert.Equal(StableHash.Of("Mail"), StableHash.Of(StringComparer.Ordinal, "Mail"));
        Assert.Equal(StableHash.Of(StringComparer.OrdinalIgnoreCase, "mail"), StableHash.Of(StringComparer.OrdinalIgnoreCase, "MAIL"));
        Assert.Equal(StableHash.Of((int?)5), StableHash.Of<int?>(EqualityComparer<int?>.Default, 5));
        Assert.Equal(0, StableHash.Of(StringComparer.Ordinal, (string?)null));
    }

    [Fact]
    public void InlineForm_agreesWithTheDelegate()
    {
        Check(("x", 3L));
        Check(new { A = "R", B = 2m, C = (DateTime?)new DateTime(1998, 12, 1) });
        Check(new Person("Bob", 40));
        Check<string?>(null);
        Check<int?>(null);
        Check(DayOfWeek.Friday);
        Check(new { Day = (DayOfWeek?)DayOfWeek.Monday, Point = new Point("q", 2) });

        static void Check<T>(T key)
        {
            var parameter = Expression.Parameter(typeof(T), "k");
            var inline = Expression.Lambda<Func<T, int>>(StableHash.Inline(Expression.Convert(parameter, typeof(T))), parameter).Compile();
            Assert.Equal(StableHash.Of(key), inline(key));
        }
    }

    [Fact]
    public void Strings_spreadEvenlyOverPartitions()
    {
        var counts = new int[8];
        for (var i = 0; i < 16_000; i++)
        {
            counts[KeyHashing.PartitionOf(StableHash.Of($"Customer#{i:D9}"), counts.Length)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 1_800, 2_200));
    }

    private const int PinnedString = 789457779;
    private const int PinnedTuple = 1229800399;
    private const int PinnedAnonymous = -1155630256;
    private const int PinnedRecord = 316360027;
}
