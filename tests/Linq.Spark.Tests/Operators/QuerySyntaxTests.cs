using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Differential tests of C# query expressions: what the compiler makes of from, where, let, join, into, group, orderby and select.</summary>
public sealed class QuerySyntaxTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    private static IReadOnlyList<Row> Rows => TestData.Rows;

    /// <inheritdoc />
    protected override IReadOnlyList<ExecutionMode> Modes { get; } =
        [ExecutionMode.Vectorized, ExecutionMode.RowMode, ExecutionMode.NoAutoBroadcast, ExecutionMode.ShippedPlan, ExecutionMode.SpilledShuffles];

    [Fact]
    public void QuerySyntax_whereSelect_matchesLinq() =>
        AssertQuery(Rows, q => from x in q where x.A > 100 select new { x.Id, x.A });

    [Fact]
    public void QuerySyntax_letClauses_becomeTransparentIdentifiers() =>
        AssertQuery(Rows, q =>
            from x in q
            let twice = x.B * 2
            let label = x.Name ?? "?"
            where twice > 1
            select new { x.Id, twice, label });

    [Fact]
    public void QuerySyntax_groupByIntoSelect_aggregates() =>
        AssertQuery(Rows, q =>
            from o in q
            where o.A > 100
            group o by o.Key into g
            select new { g.Key, Total = g.Sum(x => x.A) });

    [Fact]
    public void QuerySyntax_groupElementBy_materializesElements() =>
        AssertQuery(Rows, q => from x in q group x.Id by x.Kind);

    [Fact]
    public void QuerySyntax_groupIntoOrderby_isOrdered() =>
        AssertQuery(Rows, q =>
            from x in q
            group x by x.N into g
            orderby g.Count() descending, g.Key
            select new { g.Key, Count = g.Count() });

    [Fact]
    public void QuerySyntax_orderbyMultipleKeys_matchesLinq() =>
        AssertQuery(Rows, q => from x in q orderby x.Kind, x.B descending, x.Id select x.Id);

    [Fact]
    public void QuerySyntax_joinSessionSources_matchesLinq() =>
        AssertQuery(Rows, TestData.Dims, (l, r) =>
            from x in l
            join d in r on x.Key equals d.Key
            where d.Region != null
            select new { x.Id, d.Label, d.Region });

    [Fact]
    public void QuerySyntax_joinInMemory_matchesLinq() =>
        AssertQuery(Rows, q =>
            from x in q
            join d in TestData.Dims on x.Key equals d.Key
            select new { x.Id, d.Label });

    [Fact]
    public void QuerySyntax_joinCompositeKey_matchesLinq() =>
        AssertQuery(Rows, TestData.Dims, (l, r) =>
            from x in l
            join d in r on new { x.Key, R = x.N } equals new { d.Key, R = d.Region }
            select new { x.Id, d.Label });

    [Fact]
    public void QuerySyntax_joinInto_isGroupJoin() =>
        AssertQuery(Rows, TestData.Dims, (l, r) =>
            from x in l
            join d in r on x.Key equals d.Key into ds
            select new { x.Id, Count = ds.Count(), Labels = ds.Select(d => d.Label).ToList() });

    [Fact]
    public void QuerySyntax_joinIntoFromDefaultIfEmpty_isLeftOuterJoin() =>
        AssertQuery(Rows, TestData.Dims, (l, r) =>
            from x in l
            join d in r on x.Key equals d.Key into ds
            from d in ds.DefaultIfEmpty()
            select new { x.Id, Label = d == null ? "-" : d.Label });

    [Fact]
    public void QuerySyntax_multiFromOverElementCollection_isSelectMany() =>
        AssertQuery(Rows, q =>
            from x in q
            from i in Enumerable.Range(0, x.Id % 3)
            select new { x.Id, i });

    [Fact]
    public void QuerySyntax_multiFromOverInMemoryCollection_isCrossProduct() =>
        AssertQuery(Rows, q =>
            from x in q
            from d in TestData.Dims
            where x.Key == d.Key && d.Region == 1
            select new { x.Id, d.Label });

    [Fact]
    public void QuerySyntax_multiFromWithLetAndWhere_matchesLinq() =>
        AssertQuery(Rows, q =>
            from x in q
            let parts = new[] { x.Key, x.Id % 4 }
            from p in parts
            where p > 1
            select x.Id * 10 + p);

    [Fact]
    public void QuerySyntax_fullPipeline_matchesLinq() =>
        AssertQuery(Rows, TestData.Dims, (l, r) =>
            from x in l
            where x.Kind != Kind.Delta
            let amount = x.A * 2
            join d in r on x.Key equals d.Key
            group new { amount, d.Label } by d.Region into g
            orderby g.Key
            select new { Region = g.Key, Total = g.Sum(e => e.amount), Labels = g.Select(e => e.Label).Distinct().Count() });

    [Fact]
    public void QuerySyntax_groupIntoWhereSelect_isHaving() =>
        AssertQuery(Rows, q =>
            from x in q
            group x by new { x.Kind, Even = x.Id % 2 == 0 } into g
            where g.Count() > 5
            select new { g.Key.Kind, g.Key.Even, Avg = g.Average(x => x.B) });
}
