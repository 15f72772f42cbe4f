using Linq.Spark.Cli;
using Linq.Spark.Cli.Tpch;

namespace Linq.Spark.Tpch.Tests;

/// <summary>`linq-spark tpch`, run in-process at SF 0.01: results, CSV output, one-line errors with exit code 2, and the progress bar.</summary>
[Collection(TpchCollection.Name)]
public sealed class CliTests(TpchFixture fixture)
{
    private const string Sf = "0.01";

    [Fact]
    public void Tpch_with_queries_1_and_6_prints_both_results_and_a_summary()
    {
        var (code, output, error) = Run("tpch", "--sf", Sf, "--queries", "1,6");

        Assert.True(code == 0, error);
        Assert.Equal("", error);
        Assert.Contains("Generated 86,575 rows", output, StringComparison.Ordinal);
        Assert.Contains("ReturnFlag", output, StringComparison.Ordinal);
        Assert.Contains("4 rows in", output, StringComparison.Ordinal);
        Assert.Contains("Revenue", output, StringComparison.Ordinal);
        Assert.Contains("1 row in", output, StringComparison.Ordinal);
        Assert.Contains("TPC-H summary", output, StringComparison.Ordinal);
        Assert.Matches(@"│ Q1\s+│\s+4 │", output);
        Assert.Matches(@"│ Q6\s+│\s+1 │", output);
        Assert.DoesNotContain("│ Q2 ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tpch_with_format_parquet_generates_the_tables_once_then_queries_the_files()
    {
        using var folder = new TempDirectory();
        var data = folder.File("tables");

        var (code, output, error) = Run("tpch", "--sf", Sf, "--format", "parquet", "--data", data, "--queries", "1,6");
        var (again, second, _) = Run("tpch", "--sf", Sf, "--format", "parquet", "--data", data, "--queries", "1");

        Assert.True(code == 0, error);
        Assert.Contains("and wrote it as Parquet into", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, "lineitem", "_SUCCESS")));
        Assert.Matches(@"│ Q1\s+│\s+4 │", output);
        Assert.Matches(@"│ Q6\s+│\s+1 │", output);
        Assert.Equal(0, again);
        Assert.Contains("Using the Parquet tables in", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Generated", second, StringComparison.Ordinal);
        Assert.Contains("4 rows in", second, StringComparison.Ordinal);
        Assert.Equal(2, Run("tpch", "--format", "parquet").Code);
        Assert.Equal(2, Run("tpch", "--format", "orc", "--data", data).Code);
    }

    [Fact]
    public void Tpch_with_runs_reports_the_median_of_each_querys_runs_and_one_runs_jobs()
    {
        var (code, output, error) = Run("tpch", "--sf", Sf, "--queries", "6,11", "--runs", "3");
        var (_, once, _) = Run("tpch", "--sf", Sf, "--queries", "6,11");

        Assert.True(code == 0, error);
        Assert.Matches(@"1 row in [\d.]+ m?s \(median of 3 runs, [\d.]+ m?s to [\d.]+ m?s\) — 1 job,", output);
        Assert.Contains("Median of 3", output, StringComparison.Ordinal);
        Assert.DoesNotContain("median of", once, StringComparison.Ordinal);
        // Rows and jobs are one run's: Q11 (a threshold job, then the main one) shows what a single run shows.
        Assert.Equal(Q11Summary(once), Q11Summary(output));
    }

    /// <summary>The rows and jobs cells of Q11's line in the summary table.</summary>
    private static string Q11Summary(string output) =>
        System.Text.RegularExpressions.Regex.Match(output, @"│ Q11\s+│\s+([\d,]+) │[^│]+│\s+(\d+) │").Groups is var g && g[0].Success
            ? $"{g[1].Value} rows, {g[2].Value} jobs"
            : throw new Xunit.Sdk.XunitException("no Q11 line in the summary:\n" + output);

    [Fact]
    public void Tpch_with_explain_prints_each_plan()
    {
        var (code, output, error) = Run("tpch", "--sf", Sf, "--queries", "6,11", "--explain");

        Assert.True(code == 0, error);
        Assert.Equal(2, CountOf(output, "== Physical Plan =="));
        Assert.Contains("Scan Parallelize[LineItem]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tpch_with_output_writes_a_csv_per_query_with_header_and_every_row()
    {
        using var directory = new TempDirectory();
        var target = Path.Combine(directory.Path, "results");

        var (code, _, error) = Run("tpch", "--sf", Sf, "--queries", "1,3", "--output", target);

        Assert.True(code == 0, error);
        var q1 = File.ReadAllLines(Path.Combine(target, "q1.csv"));
        Assert.Equal(
            "ReturnFlag,LineStatus,SumQty,SumBasePrice,SumDiscPrice,SumCharge,AvgQty,AvgPrice,AvgDisc,CountOrder",
            q1[0]);
        Assert.Equal(TpchQueries.Q1(fixture.Data.ToQueryable()).Count(), q1.Length - 1);
        Assert.StartsWith("A,F,", q1[1], StringComparison.Ordinal);
        var q3 = File.ReadAllLines(Path.Combine(target, "q3.csv"));
        Assert.Equal("OrderKey,Revenue,OrderDate,ShipPriority", q3[0]);
        Assert.Equal(TpchQueries.Q3(fixture.Data.ToQueryable()).Count(), q3.Length - 1);
        Assert.All(q3.Skip(1), line => Assert.Matches(@"^\d+,\d+\.\d\d,\d{4}-\d\d-\d\d,\d+$", line));
    }

    [Fact]
    public void Tpch_prints_decimals_with_two_places_alike_on_the_console_and_in_the_csv()
    {
        using var directory = new TempDirectory();

        var (code, output, error) = Run("tpch", "--sf", Sf, "--queries", "1", "--output", directory.Path);

        Assert.True(code == 0, error);
        var rows = File.ReadAllLines(directory.File("q1.csv")).Skip(1).ToArray();
        Assert.Equal(4, rows.Length);
        foreach (var row in rows)
        {
            // As dbgen's answers/q1.out: A|F|37734107.00|56586554400.73|53758257134.87|55909065222.83|25.52|38273.13|0.05|1478493
            Assert.Matches(@"^[ANR],[FO],\d+\.00(,\d+\.\d\d){6},\d+$", row);
            var cells = string.Join(@"\s*│\s*", row.Split(',').Select(System.Text.RegularExpressions.Regex.Escape));
            Assert.Matches(@"│\s*" + cells + @"\s*│", output);
        }
    }

    [Fact]
    public void Tpch_with_blank_lines_at_the_end_of_a_tbl_file_loads_it()
    {
        using var directory = new TempDirectory();
        TblWriter.WriteDirectory(fixture.Data, directory.Path);
        File.AppendAllText(directory.File("lineitem.tbl"), "\n\n");

        var (code, output, error) = Run("tpch", "--data", directory.Path, "--queries", "1");

        Assert.True(code == 0, error);
        Assert.Equal("", error);
        Assert.Contains("Loaded 86,575 rows", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tpch_with_an_empty_tbl_file_prints_a_one_line_notice_naming_it()
    {
        using var directory = new TempDirectory();
        TblWriter.WriteDirectory(fixture.Data, directory.Path);
        var region = directory.File("region.tbl");
        File.WriteAllText(region, string.Empty);

        var (code, output, error) = Run("tpch", "--data", directory.Path, "--queries", "1");

        Assert.True(code == 0, error);
        var notice = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(region, notice, StringComparison.Ordinal);
        Assert.Contains("no rows", notice, StringComparison.Ordinal);
        Assert.Contains("Loaded 86,570 rows", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tpch_with_a_malformed_tbl_line_exits_2_naming_file_line_and_field()
    {
        using var directory = new TempDirectory();
        TblWriter.WriteDirectory(fixture.Data, directory.Path);
        var lineItem = directory.File("lineitem.tbl");
        var lines = File.ReadAllLines(lineItem);
        var fields = lines[2].Split('|');
        fields[4] = "seventeen";
        lines[2] = string.Join('|', fields);
        File.WriteAllLines(lineItem, lines);

        var (code, output, error) = Run("tpch", "--data", directory.Path, "--queries", "1");

        Assert.Equal(LinqSparkCli.UsageError, code);
        var message = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(lineItem, message, StringComparison.Ordinal);
        Assert.Contains("line 3", message, StringComparison.Ordinal);
        Assert.Contains("l_quantity", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Q1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tpch_with_a_missing_data_directory_exits_2()
    {
        var missing = Path.Combine(Path.GetTempPath(), "linq-spark-missing-" + Guid.NewGuid().ToString("N"));

        var (code, _, error) = Run("tpch", "--data", missing);

        Assert.Equal(LinqSparkCli.UsageError, code);
        Assert.Contains(missing, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--queries", "0")]
    [InlineData("--queries", "23")]
    [InlineData("--queries", "1,x")]
    [InlineData("--sf", "0")]
    [InlineData("--sf", "-2")]
    [InlineData("--sf", "abc")]
    [InlineData("--threads", "-1")]
    [InlineData("--runs", "0")]
    [InlineData("--runs", "101")]
    public void Tpch_with_a_bad_argument_exits_2_with_one_line_naming_it(string option, string value)
    {
        var (code, output, error) = Run("tpch", option, value);

        Assert.Equal(LinqSparkCli.UsageError, code);
        Assert.Equal("", output);
        var message = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(option, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1025")]
    [InlineData("10000")]
    [InlineData("100000")]
    public void Tpch_with_threads_out_of_range_exits_2_before_it_loads_data(string threads)
    {
        var (code, output, error) = Run("tpch", "--sf", Sf, "--queries", "6", "--threads", threads);

        Assert.Equal(LinqSparkCli.UsageError, code);
        Assert.Equal("", output);
        var message = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--threads", message, StringComparison.Ordinal);
        Assert.Contains(SparkOptions.MaxExecutorThreads.ToString(System.Globalization.CultureInfo.InvariantCulture), message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--threads", "-1")]
    [InlineData("--threads", "1025")]
    [InlineData("--threads", "100000")]
    [InlineData("--rows", "-1")]
    public void Demo_with_a_bad_argument_exits_2_with_one_line_naming_it(string option, string value)
    {
        string[] args = option == "--rows" ? ["demo", option, value] : ["demo", "--rows", "10", option, value];

        var (code, output, error) = Run(args);

        Assert.Equal(LinqSparkCli.UsageError, code);
        Assert.Equal("", output);
        var message = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(option, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(SparkOptions.MaxExecutorThreads)]
    public void TpchSettings_Validate_accepts_threads_from_0_to_the_session_maximum(int threads)
    {
        var settings = TpchSettings.Validate(0.01, null, "6", explain: false, outputDirectory: null, threads);

        Assert.Equal(threads, settings.Threads);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = LinqSparkCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
