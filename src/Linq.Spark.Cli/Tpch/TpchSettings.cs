using System.Globalization;
using Linq.Spark.Tpch;

namespace Linq.Spark.Cli.Tpch;

/// <summary>The checked arguments of `linq-spark tpch`.</summary>
internal sealed record TpchSettings(
    double ScaleFactor,
    string? DataDirectory,
    IReadOnlyList<int> Queries,
    bool Explain,
    string? OutputDirectory,
    int Threads,
    int Runs = 1,
    TpchFormat Format = TpchFormat.Tbl,
    int? UiPort = null,
    long ExecutorMemory = 0,
    string? Master = null,
    string? TlsCertificate = null)
{
    /// <summary>Spark's UI port, where `--ui` serves unless `--ui-port` says otherwise.</summary>
    public const int DefaultUiPort = 4040;

    /// <summary>The most times `--runs` may run each query.</summary>
    public const int MaxRuns = 100;

    /// <summary>Checks the raw option values; a bad one throws <see cref="CliUsageException"/> naming the option.</summary>
    public static TpchSettings Validate(double scaleFactor, string? dataDirectory, string queries, bool explain, string? outputDirectory, int threads, int runs = 1, string format = "tbl", bool ui = false, int? uiPort = null, long executorMemory = 0)
    {
        if (executorMemory < 0)
        {
            throw new CliUsageException($"--executor-memory: {executorMemory} is not a number of bytes; it must be 0 (60 % of the available memory) or more.");
        }

        if (uiPort is < 0 or > System.Net.IPEndPoint.MaxPort)
        {
            throw new CliUsageException($"--ui-port: {uiPort} is not a port; it must be from 1 to {System.Net.IPEndPoint.MaxPort}, or 0 for any free port.");
        }

        var fileFormat = format.Trim().ToLowerInvariant() switch
        {
            "tbl" => TpchFormat.Tbl,
            "parquet" => TpchFormat.Parquet,
            _ => throw new CliUsageException($"--format: '{format}' is not a format; use tbl (dbgen's .tbl files, or generated rows in memory) or parquet."),
        };
        if (fileFormat == TpchFormat.Parquet && dataDirectory is null)
        {
            throw new CliUsageException("--format parquet: give --data DIR, the folder of the Parquet tables (generated there first if it has none).");
        }

        if (runs is < 1 or > MaxRuns)
        {
            throw new CliUsageException($"--runs: {runs} is not a number of runs; it must be from 1 to {MaxRuns}.");
        }

        if (!(scaleFactor > 0) || scaleFactor > TpchGenerator.MaxScaleFactor)
        {
            throw new CliUsageException(
                $"--sf: {scaleFactor.ToString(CultureInfo.InvariantCulture)} is not a scale factor; it must be above 0 and at most {TpchGenerator.MaxScaleFactor}.");
        }

        if (fileFormat == TpchFormat.Tbl && dataDirectory is not null && !Directory.Exists(dataDirectory))
        {
            throw new CliUsageException($"--data: the directory '{dataDirectory}' does not exist.");
        }

        if (outputDirectory is { Length: 0 })
        {
            throw new CliUsageException("--output: the directory name is empty.");
        }

        return new TpchSettings(scaleFactor, dataDirectory, ParseQueries(queries), explain, outputDirectory, ThreadsArgument.Check(threads), runs, fileFormat,
            ui || uiPort is not null ? uiPort ?? DefaultUiPort : null, executorMemory);
    }

    /// <summary>Reads <c>all</c> or a comma-separated list of query numbers, keeping the first occurrence of each.</summary>
    public static IReadOnlyList<int> ParseQueries(string text)
    {
        if (text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return [.. Enumerable.Range(1, TpchQueries.Count)];
        }

        var numbers = new List<int>();
        foreach (var part in text.Split(','))
        {
            var item = part.Trim();
            if (!int.TryParse(item, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                throw new CliUsageException($"--queries: '{item}' is not a query number; give numbers 1..{TpchQueries.Count} separated by commas, or all.");
            }

            if (number is < 1 or > TpchQueries.Count)
            {
                throw new CliUsageException($"--queries: {number} is not a TPC-H query; they are numbered 1 to {TpchQueries.Count}.");
            }

            if (!numbers.Contains(number))
            {
                numbers.Add(number);
            }
        }

        return numbers;
    }
}

/// <summary>Where `linq-spark tpch` reads its tables from.</summary>
internal enum TpchFormat
{
    /// <summary>dbgen's .tbl files (with --data), or rows generated in memory, copied into the session.</summary>
    Tbl,

    /// <summary>Parquet folders under --data, one per table, scanned by every query (generated there first if missing).</summary>
    Parquet,
}
