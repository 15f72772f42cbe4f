using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>
/// Generated queries that once failed, written out: the generator has grown since, so their seeds now replay other
/// queries. Each runs exactly the rows, operators, partition count and mode its seed produced.
/// </summary>
public sealed class RegressionQueries(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    [Fact]
    public void AppendPrependThenCountBy_onTwoRows() // seed dbUdDheT1Ev1
    {
        Row[] rows =
        [
            new(36, 5, -37, 0.75, null, new(2024, 1, 6), Kind.Alpha, null),
            new(26, 7, -48, 3.75, "gamma", new(2024, 1, 9), Kind.Alpha, null),
        ];
        Check(rows, 3, ExecutionMode.NoAutoBroadcast, q => AppendPrepend(q, 4).CountBy(x => x.Kind));
    }

    [Fact]
    public void SkipPastTheEnd_thenSelect() // seed 6_aJ3aTzIgI2: failed in LocalLimitExec (IDriverFinal cast)
    {
        Row[] rows =
        [
            new(31, 1, 10, -2, null, new(2024, 1, 1), Kind.Beta, null), new(11, 7, 39, -4.25, "", new(2024, 1, 31), Kind.Beta, -1),
            new(29, 7, 39, 3, null, new(2024, 1, 5), Kind.Gamma, null), new(37, 1, -14, 1.5, "beta", new(2024, 1, 11), Kind.Alpha, 3),
            new(14, 0, -8, 3.25, null, new(2024, 1, 16), Kind.Beta, 2), new(7, 7, -36, 2.75, "ALPHA", new(2024, 1, 10), Kind.Beta, null),
            new(6, 7, 41, 2.5, null, new(2024, 1, 29), Kind.Alpha, 0), new(23, 12, 14, 0, "ALPHA", new(2024, 1, 21), Kind.Delta, null),
            new(29, 0, -39, 3.75, "beta", new(2024, 1, 12), Kind.Beta, -2), new(28, 10, -27, 2.75, "delta", new(2024, 1, 14), Kind.Alpha, 1),
            new(20, 9, -45, 5, "gamma", new(2024, 1, 31), Kind.Gamma, 3), new(13, 5, 34, 0.5, null, new(2024, 1, 29), Kind.Beta, 1),
            new(33, 7, 39, -3.5, "beta", new(2024, 1, 27), Kind.Gamma, -2), new(17, 7, 42, 4.25, "alpha", new(2024, 1, 8), Kind.Beta, 2),
            new(40, 4, -15, 0.5, "alpha", new(2024, 1, 11), Kind.Gamma, null), new(13, 6, -1, -4.5, "gamma", new(2024, 1, 7), Kind.Beta, null),
        ];
        Check(rows, 2, ExecutionMode.NoAutoBroadcast, q => q.Skip(21).Select(x => new { x.Key, x.Name, T = x.A * 2 + x.Id }));
    }

    [Fact]
    public void ShuffledJoinUnderAppendPrepend_readsTheKernelsPartition() // seed 3JlZkpW9HiU1
    {
        Row[] rows =
        [
            new(11, 7, -34, -2.25, "beta", new(2024, 1, 27), Kind.Delta, -2), new(17, 3, 5, -3.25, "delta", new(2024, 1, 2), Kind.Beta, -3),
            new(2, 7, -48, -4.75, null, new(2024, 1, 16), Kind.Alpha, null), new(17, 8, -13, -4.75, "ALPHA", new(2024, 1, 22), Kind.Alpha, 0),
            new(29, 4, 50, -0.75, "", new(2024, 1, 24), Kind.Beta, 0), new(15, 12, 14, 0, "delta", new(2024, 1, 25), Kind.Alpha, null),
            new(15, 7, 4, 4, "alpha", new(2024, 1, 31), Kind.Delta, null), new(38, 7, -1, -3.25, "", new(2024, 1, 23), Kind.Gamma, null),
            new(18, 7, -25, 4.75, "gamma", new(2024, 1, 3), Kind.Beta, -3), new(17, 12, -27, 0.5, "", new(2024, 1, 31), Kind.Gamma, 3),
            new(24, 2, -48, 0, "alpha", new(2024, 1, 30), Kind.Alpha, -1), new(19, 6, -11, 3, "delta", new(2024, 1, 29), Kind.Alpha, -2),
            new(30, 7, -37, 2.5, "ALPHA", new(2024, 1, 25), Kind.Gamma, 2), new(34, 2, -3, 0, "delta", new(2024, 1, 12), Kind.Gamma, 0),
            new(18, 1, 21, 0, "", new(2024, 1, 16), Kind.Alpha, -2),
        ];
        Check(rows, 8, ExecutionMode.NoAutoBroadcast, source =>
        {
            var q = source.SparkOnly(s => s.Repartition(3));
            q = q.Join(q, x => x.Id, y => y.Id, (x, y) => new Row(x.Id, x.Key, x.A + y.A, x.B, x.Name, x.D, x.Kind, y.N));
            q = AppendPrepend(q, 4);
            q = q.Intersect(q.Where(x => x.Key < 10));
            q = QueryStep.ThenByAll(q.OrderBy(x => x.Id)).Select((x, i) => new Row(i * 5, x.Key, x.A, x.B, x.Name, x.D, x.Kind, x.N));
            return q.GroupBy(x => x.Kind).Select(g => new { g.Key, C = g.Count(), S = g.Sum(x => x.B), M = g.Max(x => x.A), Avg = g.Average(x => x.N) });
        });
    }

    [Fact]
    public void RangeInsideSelectMany_thenMaterializedGroups() // seed fvFoEb3Ti3I1: a user-lambda error, may be wrapped
    {
        Row[] rows =
        [
            new(27, 7, 22, 5, null, new(2024, 1, 19), Kind.Beta, null), new(32, 7, -24, -3.25, "ALPHA", new(2024, 1, 19), Kind.Alpha, 2),
            new(33, 7, 39, 3.25, "delta", new(2024, 1, 3), Kind.Alpha, 1), new(6, 11, 15, 4.5, null, new(2024, 1, 16), Kind.Beta, 2),
            new(11, 7, -2, -5, "ALPHA", new(2024, 1, 27), Kind.Delta, -3), new(37, 7, 30, 2.25, "gamma", new(2024, 1, 27), Kind.Alpha, null),
            new(26, 4, 21, 0.25, "delta", new(2024, 1, 9), Kind.Gamma, null), new(24, 5, 33, 0.75, "gamma", new(2024, 1, 25), Kind.Gamma, -3),
            new(8, 11, -43, 0.25, null, new(2024, 1, 4), Kind.Alpha, null), new(1, 8, 22, -3.75, "delta", new(2024, 1, 15), Kind.Delta, null),
            new(0, 8, 3, -5, null, new(2024, 1, 8), Kind.Gamma, 1), new(40, 7, 19, -1.75, null, new(2024, 1, 29), Kind.Beta, null),
            new(4, 1, 21, 3.5, "alpha", new(2024, 1, 14), Kind.Delta, -2), new(12, 12, 7, -3.75, "delta", new(2024, 1, 7), Kind.Beta, -1),
            new(10, 11, 25, -2.25, null, new(2024, 1, 29), Kind.Delta, -2), new(27, 12, 48, 4, "gamma", new(2024, 1, 15), Kind.Alpha, null),
            new(11, 7, -46, -5, "alpha", new(2024, 1, 5), Kind.Delta, 1), new(30, 1, -35, 2.5, "beta", new(2024, 1, 9), Kind.Beta, -3),
            new(36, 7, 41, 3, "delta", new(2024, 1, 2), Kind.Delta, -3), new(40, 7, 37, 0.5, "beta", new(2024, 1, 7), Kind.Alpha, 1),
            new(23, 7, -41, 4.75, "gamma", new(2024, 1, 25), Kind.Delta, null), new(7, 8, 35, -2.5, null, new(2024, 1, 8), Kind.Gamma, -3),
            new(7, 7, -15, -4.5, "alpha", new(2024, 1, 23), Kind.Delta, 3), new(34, 4, -2, -1.5, null, new(2024, 1, 17), Kind.Beta, 3),
            new(18, 8, 29, -4, "gamma", new(2024, 1, 16), Kind.Gamma, null), new(19, 4, 40, -1, "", new(2024, 1, 24), Kind.Gamma, -1),
        ];
        Check(rows, 2, ExecutionMode.NoAutoBroadcast, q =>
        {
            var flattened = AppendPrepend(q, 2).Distinct()
                .SelectMany(x => Enumerable.Range(0, x.Id % 3).Select(i => new Row(x.Id * 3 + i, x.Key, x.A, x.B, x.Name, x.D, x.Kind, x.N)));
            return QueryStep.ThenByAll(flattened.OrderBy(x => x.Id)).GroupBy(x => x.Key % 4);
        });
    }

    [Fact]
    public void ExceptThenIndexedSelect_sortsBeforeTheIndex() // seed fgVIVm3UO7V1
    {
        Row[] rows =
        [
            new(21, 4, -36, 4.25, null, new(2024, 1, 24), Kind.Beta, null), new(30, 7, -30, 3, "ALPHA", new(2024, 1, 31), Kind.Gamma, null),
            new(32, 7, -31, 0.5, "", new(2024, 1, 10), Kind.Beta, 0), new(28, 7, 0, 4.75, "alpha", new(2024, 1, 24), Kind.Delta, -2),
            new(1, 0, 2, -4.75, "delta", new(2024, 1, 26), Kind.Gamma, 3), new(28, 7, -37, -3.5, "alpha", new(2024, 1, 2), Kind.Alpha, 0),
            new(33, 12, -23, -5, "beta", new(2024, 1, 14), Kind.Delta, 3), new(25, 7, -12, -0.75, "alpha", new(2024, 1, 14), Kind.Alpha, -3),
            new(18, 7, -45, -4, "alpha", new(2024, 1, 25), Kind.Gamma, null), new(1, 1, -8, -3.75, "alpha", new(2024, 1, 6), Kind.Beta, 2),
            new(40, 7, -35, -4.75, "gamma", new(2024, 1, 27), Kind.Alpha, null), new(9, 3, -34, -3.25, "", new(2024, 1, 18), Kind.Delta, -1),
            new(22, 5, -50, -3.5, "alpha", new(2024, 1, 15), Kind.Alpha, 3), new(39, 0, 49, 3, null, new(2024, 1, 19), Kind.Delta, null),
            new(32, 5, -4, 4.25, null, new(2024, 1, 19), Kind.Gamma, -1), new(29, 12, 38, 1.5, "beta", new(2024, 1, 22), Kind.Gamma, null),
        ];
        Check(rows, 2, ExecutionMode.RowMode, source =>
        {
            var q = source.Select(x => new Row(x.Id, x.Key, x.A, x.B * 2, x.Name == null ? null : x.Name.ToUpperInvariant(), x.D, x.Kind, x.N));
            q = q.Except(q.Where(x => x.Id % 4 == 0));
            q = QueryStep.ThenByAll(q.OrderBy(x => x.Id)).Select((x, i) => new Row(i * 5, x.Key, x.A, x.B, x.Name, x.D, x.Kind, x.N));
            return q.Where(x => x.Name != null && x.Name.Length > 2).Select(x => new { x.Key, x.Name, T = x.A * 2 + x.Id });
        });
    }

    private static IQueryable<Row> AppendPrepend(IQueryable<Row> q, int c) =>
        q.Append(new Row(c, c, c, c * 0.5, "app", new DateOnly(2024, 2, 2), Kind.Delta, c))
            .Prepend(new Row(-c, -c, -c, 0, null, new DateOnly(2023, 12, 31), Kind.Alpha, null));

    private void Check<TResult>(IReadOnlyList<Row> rows, int partitions, ExecutionMode mode, Func<IQueryable<Row>, IQueryable<TResult>> query) =>
        Assert.Null(CheckQueryCase(rows, query, partitions, mode));
}
