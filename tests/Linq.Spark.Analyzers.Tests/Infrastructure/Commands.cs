using System.Diagnostics;

namespace Linq.Spark.Analyzers.Tests;

/// <summary>Runs the command-line tools the end-to-end tests drive (bash scripts, dotnet) and collects their output.</summary>
internal static class Commands
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>; the exit code is -1 on a timeout.</summary>
    public static (int ExitCode, string Output) Run(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{fileName} {string.Join(' ', arguments)} did not finish within 5 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Runs a bash script of the repository, given relative to its root.</summary>
    public static (int ExitCode, string Output) RunScript(string relativePath, params string[] arguments)
    {
        var root = TestPaths.RepositoryRoot();
        return Run("bash", [Path.Combine(root, relativePath), .. arguments], root);
    }
}
