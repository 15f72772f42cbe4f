using System.Diagnostics;

namespace Linq.Spark.Analyzers.Tests.EndToEnd;

/// <summary>
/// The analyzers as a user meets them: a real build of the sample project against the real library shows every LQS
/// rule once and nothing else, and the packed Linq.Spark .nupkg carries the analyzers under analyzers/dotnet/cs.
/// </summary>
public sealed class EndToEndTests
{
    [Fact]
    public void SampleProject_build_reportsEveryRuleOnceAndNothingElse()
    {
        var (exitCode, output) = RunScript("tests/Linq.Spark.Analyzers.Sample/check.sh");

        Assert.True(exitCode == 0, output);
        Assert.Contains("every LQS rule reported exactly once, no other warnings", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Package_carriesTheAnalyzersUnderAnalyzersDotnetCs()
    {
        var (exitCode, output) = RunScript("analyzers/check-package-layout.sh");

        Assert.True(exitCode == 0, output);
        Assert.Contains("package layout ok", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) RunScript(string relativePath)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash", [Path.Combine(root, relativePath)])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{relativePath} did not finish within 5 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Linq.Spark.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Linq.Spark.sln) was not found above the test assembly.");
    }
}
