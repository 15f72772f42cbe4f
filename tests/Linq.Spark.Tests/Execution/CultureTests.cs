using System.Globalization;
using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>
/// Tasks run under the culture of the thread that started the action, as LINQ to Objects runs lambdas on the
/// caller's thread: string order, casing and number formatting inside a query follow it.
/// </summary>
public sealed class CultureTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static readonly IReadOnlyList<string> Words =
        [.. Enumerable.Range(0, 1000).Select(i => new[] { "ö", "z", "å", "ä", "a", "o", "içi", "IŞIK", "Ärlig", "zeta", "ıi", "Öl" }[i % 12] + (i % 5))];

    [Theory]
    [InlineData("sv-SE")]
    [InlineData("tr-TR")]
    [InlineData("")]
    public void OrderBy_strings_sortsByTheCallersCulture(string culture) =>
        InCulture(culture, () => AssertQuery(Words, q => q.Distinct().OrderBy(w => w)));

    [Theory]
    [InlineData("sv-SE")]
    [InlineData("de-DE")]
    public void MinMax_strings_compareByTheCallersCulture(string culture) =>
        InCulture(culture, () =>
        {
            AssertScalar(Words, q => q.Max());
            AssertScalar(Words, q => q.Min(w => w.ToUpper()));
        });

    [Fact]
    public void ToUpper_underTurkish_usesTheDottedCapitalI() =>
        InCulture("tr-TR", () => AssertQuery(Words, q => q.Select(w => w.ToUpper() + w.ToLower())));

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    public void ToString_ofNumbers_formatsByTheCallersCulture(string culture) =>
        InCulture(culture, () => AssertQuery(TestData.Rows, q => q.Select(x => x.B.ToString() + ";" + (x.A / 3m).ToString() + ";" + x.D.ToString())));

    [Fact]
    public void GroupBy_stringKeysUnderCulture_matchesLinq() =>
        InCulture("sv-SE", () => AssertQuery(Words, q => q.GroupBy(w => w.ToUpper()).Select(g => new { g.Key, Count = g.Count(), First = g.Min() })));

    [Fact]
    public void Executor_culture_isRestoredForTheNextJob()
    {
        var session = Session(ExecutionMode.Vectorized);
        var source = session.Parallelize(Words, 2);

        var swedish = InCulture("sv-SE", () => source.Select(_ => CultureInfo.CurrentCulture.Name).Distinct().ToList());
        var invariant = InCulture(string.Empty, () => source.Select(_ => CultureInfo.CurrentCulture.Name).Distinct().ToList());

        Assert.Equal(["sv-SE"], swedish);
        Assert.Equal([string.Empty], invariant);
    }

    private static void InCulture(string name, Action action) => InCulture(name, () =>
    {
        action();
        return 0;
    });

    private static T InCulture<T>(string name, Func<T> action)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
