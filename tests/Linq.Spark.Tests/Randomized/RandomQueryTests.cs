using CsCheck;
using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Random query chains over random rows, each compared with LINQ to Objects (CsCheck; failures print a seed).</summary>
public sealed class RandomQueryTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    /// <summary>Generated queries per run: 500, or the number in the environment variable LINQSPARK_RANDOM_QUERIES (for long hunts).</summary>
    public static int Iterations { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("LINQSPARK_RANDOM_QUERIES"), out int count) && count > 0 ? count : 500;

    [Fact]
    public void RandomQueries_matchLinqToObjects() =>
        QueryGenerators.Query.Sample(Check, Output.WriteLine, iter: Iterations, threads: 2, print: q => q.ToString());

    /// <summary>Random chains run with ExplainAnalyze (its counting kernels) report LINQ to Objects' row count.</summary>
    [Fact]
    public void RandomQueries_explainAnalyzeReportsLinqsRowCount() =>
        QueryGenerators.Query.Sample(
            query =>
            {
                if (query.CheckAnalyzed(Sessions) is { } failure)
                {
                    throw new InvalidOperationException(failure);
                }
            },
            Output.WriteLine,
            iter: Math.Max(1, Iterations / 5),
            threads: 2,
            print: q => q.ToString());

    /// <summary>Seeds that once failed (or cover a shape worth keeping); each replays exactly one generated query.</summary>
    /// <remarks>Seeds from before the generator grew are written out in <see cref="RegressionQueries"/>.</remarks>
    [Theory]
    [InlineData("f0JrW7SfdBR2")] // tr-TR: Distinct().OrderBy(name) sorts in a task, under the caller's culture
    [InlineData("5ypp1vsH8I81")] // an unread member divides by zero on a row after the one where TakeWhile stops
    [InlineData("blA7FpS_0eb1")] // Skip past a sorted projection that throws: LINQ projects only the rows it keeps
    [InlineData("9dJvhEOvoUk2")] // All() stops at its first false row; an unread member throws on a later row, in 4-row batches
    [InlineData("22MT5taBTNv1")] // Any after Take: the driver-side steps after a global limit projected every row, and a later row threw
    [InlineData("3KCy-ZCqkLs2")] // TakeLast(0) over an Intersect: LINQ reads nothing of its source, so a throwing projection never runs
    [InlineData("4-tiSZDonSe2")] // Aggregate answered as an earlier query in the shared shipped-plan session; PlanSerializerTests covers the cause
    [InlineData("4ONFAjvj6We1")] // ElementAtOrDefault after a throwing projection: LINQ over a List would skip the lambda, over a stream not
    [InlineData("7z0N2hjeqhp1")] // GroupBy over a Zip whose input threw part-way: the input's partial rows reached the GroupBy's reader as its own
    [InlineData("8NpPxnYm2Ki2")] // ParquetFiles: whole rows built from a pruned scan read a nullable member's default, which had no validity bitmap
    [InlineData("5QsVYvE68IJ1")] // First over a Concat whose first side threw part-way: the union's reader took its child's partial rows as another operator's
    [InlineData("1tCLRjg_I021")] // OrderBy(…).Take(6).Skip(19): LINQ folds the range to nothing and never runs the throwing aggregate beneath
    [InlineData("0UkwMF0TaV_2")] // Prepend(…).First() over a sort whose input throws: LINQ answers with the prepended row and reads nothing
    [InlineData("000bCKGZLi31")] // Skip(19).ElementAtOrDefault(0) over Parquet: the job read a later file's rows, which LINQ never reaches
    [InlineData("6NY18FaxQeO1")] // UnionBy(…).Concat(…).Any(…): LINQ stops at the ninth row; the hash-partitioned UnionBy read a later row that divides by zero
    public void RegressionSeeds_replayExactly(string seed) =>
        QueryGenerators.Query.Sample(
            query =>
            {
                Output.WriteLine(query.ToString());
                Check(query);
            },
            Output.WriteLine,
            seed: seed,
            iter: 1,
            threads: 1,
            print: q => q.ToString());

    [Fact]
    public void QueryGenerators_coverEveryStepKind()
    {
        // Guards the generator itself: a test that never generates joins or sorts would pass without testing them.
        var texts = FixedSample(QueryGenerators.Step, 1000).Select(s => s.Text).ToList();
        string[] families =
        [
            "Where", "Select(", "SelectMany", "OrderBy", "Take", "Distinct", "Union", "GroupBy", "Join", "Concat",
            "new RowBox {", "limit.HasValue", "x.N == limit", "keys.Contains", "names.Contains", "100 / zero", "? int.MinValue", "Math.Abs",
            "Zip(q.Skip", "Zip(q.Select", "T = 100 /", "Where(g => g.Count() > 2)",
        ];
        foreach (string expected in families)
        {
            Assert.Contains(texts, t => t.Contains(expected, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void QueryGenerators_coverEveryTerminalKindAndCulture()
    {
        var queries = FixedSample(QueryGenerators.Query, 1000);
        var texts = queries.Select(q => q.Terminal.Text).ToList();
        string[] families =
        [
            "Last()", "LastOrDefault(", "Min(x => x.B > 0)", "g.Max(x => x.B > 0)", "Max(x => Math.Abs", "(long)Math.Abs", "|| Math.Abs",
            "new RowBox", "ToUpper()", "ToString()", "OrderBy(n => n)",
        ];
        foreach (string expected in families)
        {
            Assert.Contains(texts, t => t.Contains(expected, StringComparison.Ordinal));
        }

        Assert.Equal(QueryGenerators.Cultures.Order(), queries.Select(q => q.Culture).Distinct().Order());
    }

    /// <summary>The same sample of a generator on every run, so that a coverage check cannot fail by chance.</summary>
    private static T[] FixedSample<T>(Gen<T> gen, int count)
    {
        T[]? sample = null;
        gen.Array[count].Sample(a => sample = a, seed: "f0JrW7SfdBR2", iter: 1, threads: 1);
        return sample!;
    }

    private void Check(GeneratedQuery query)
    {
        string? failure = query.Check(this);
        if (failure is not null)
        {
            throw new InvalidOperationException(failure);
        }
    }
}
