using System.CommandLine;
using Linq.Spark.Cli.Tpch;

namespace Linq.Spark.Cli;

/// <summary>The <c>linq-spark</c> command line, callable in-process so tests run it exactly as the tool does.</summary>
public static class LinqSparkCli
{
    /// <summary>The exit code for bad arguments or bad input data.</summary>
    public const int UsageError = 2;

    /// <summary>Parses <paramref name="args"/>, runs the chosen subcommand writing to the given writers, and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var root = new RootCommand("linq-spark: runs LINQ queries as Spark-style stage plans on this machine's cores.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(TpchCommand.Create());
        root.Subcommands.Add(ClusterCommands.Master());
        root.Subcommands.Add(ClusterCommands.Worker());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line, not System.CommandLine's error list followed by the whole help text.
            error.WriteLine($"linq-spark: {OneLine(parsed.Errors[0].Message)} (see linq-spark --help)");
            return UsageError;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (CliUsageException e)
        {
            error.WriteLine($"linq-spark: {OneLine(e.Message)}");
            return UsageError;
        }
    }

    internal static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
