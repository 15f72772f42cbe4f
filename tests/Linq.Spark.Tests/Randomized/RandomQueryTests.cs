using CsCheck;
using Xunit.Abstractions;

namespace Linq.Spark.Tests;

/// <summary>Random query chains over random rows, each compared with LINQ to Objects (CsCheck; failures print a seed).</summary>
public sealed class RandomQueryTests(SessionFixture sessions, ITestOutputHelper output) : OracleTestBase(sessions, output)
{
    /// <summary>Generated queries per run.</summary>
    public const int Iterations = 500;

    [Fact]
    public void RandomQueries_matchLinqToObjects() =>
        QueryGenerators.Query.Sample(Check, Output.WriteLine, iter: Iterations, threads: 2, print: q => q.ToString());

    /// <summary>Seeds that once failed (or cover a shape worth keeping); each replays exactly one generated query.</summary>
    [Theory]
    [InlineData("dbUdDheT1Ev1")] // Append/Prepend then CountBy on two rows
    [InlineData("fgVIVm3UO7V1")] // Except then an indexed Select: the generator must sort before index-dependent operators
    [InlineData("fvFoEb3Ti3I1")] // Enumerable.Range inside a SelectMany lambda throws: a user-lambda error, may be wrapped
    [InlineData("6_aJ3aTzIgI2")] // Skip(21) past the end of 16 rows, then Select: failed in LocalLimitExec (IDriverFinal cast)
    [InlineData("3JlZkpW9HiU1")] // Shuffled join under Append/Prepend: its build side must read the kernel's partition, not the task's
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
        var texts = QueryGenerators.Step.Array[200, 200].Single().Select(s => s.Text).ToList();
        foreach (string expected in new[] { "Where", "Select(", "SelectMany", "OrderBy", "Take", "Distinct", "Union", "GroupBy", "Join", "Concat" })
        {
            Assert.Contains(texts, t => t.Contains(expected, StringComparison.Ordinal));
        }
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
