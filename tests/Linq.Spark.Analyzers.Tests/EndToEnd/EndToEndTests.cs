namespace Linq.Spark.Analyzers.Tests.EndToEnd;

/// <summary>
/// The analyzers as a user meets them: a real build of the sample project against the real library shows every LQS
/// rule once and nothing else. What the packed .nupkg carries is checked in <see cref="PackageTests"/>.
/// </summary>
[Collection(RealBuilds.Name)]
public sealed class EndToEndTests
{
    [Fact]
    public void SampleProject_build_reportsEveryRuleOnceAndNothingElse()
    {
        var (exitCode, output) = Commands.RunScript("tests/Linq.Spark.Analyzers.Sample/check.sh");

        Assert.True(exitCode == 0, output);
        Assert.Contains("every LQS rule reported exactly once, no other warnings", output, StringComparison.Ordinal);
    }
}
