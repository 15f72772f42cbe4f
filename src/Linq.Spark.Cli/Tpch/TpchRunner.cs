using System.Diagnostics;
using System.Globalization;
using Linq.Spark.Tpch;
using Spectre.Console;

namespace Linq.Spark.Cli.Tpch;

/// <summary>
/// Runs `linq-spark tpch`: loads or generates the data, puts it on a session, runs the chosen queries one after
/// another and prints, per query, the first rows, the plan if asked for, the wall time and what its jobs did.
/// </summary>
internal sealed class TpchRunner(TpchSettings settings, TextWriter output, TextWriter error, bool showProgress)
{
    private const int RowsShown = 10;

    private readonly IAnsiConsole _console = CreateConsole(output);

    /// <summary>A session on the cluster at <paramref name="master"/>; a master that is not there is a usage error naming it.</summary>
    private static SparkSession Connect(string master, SparkOptions options, string? tlsCertificate)
    {
        var tls = ClusterCommands.LoadTls(tlsCertificate);
        try
        {
            return SparkSession.Connect(master, options, tls);
        }
        catch (Exception e) when (e is ArgumentException or TimeoutException or OrleansException or System.Net.Sockets.SocketException)
        {
            throw new CliUsageException($"--master {master}: {e.Message}");
        }
    }

    public int Run()
    {
        var total = Stopwatch.StartNew();
        PrepareOutputDirectory();
        // With the UI, every query counts its operators' rows for the Plan page.
        var options = new SparkOptions
        {
            ExecutorThreads = settings.Threads, OperatorMetrics = settings.UiPort is not null, ExecutorMemory = settings.ExecutorMemory,
        };
        using var session = settings.Master is { } master ? Connect(master, options, settings.TlsCertificate) : SparkSession.Create(options);
        using var ui = settings.UiPort is { } port ? session.StartUI(port) : null;
        if (ui is not null)
        {
            _console.WriteLine($"Spark UI at {ui.Url}");
        }

        var tables = LoadInto(session);

        // The data's scale factor, from the supplier table (10,000 rows per unit), for Q11's fraction 0.0001 / SF.
        var scaleFactor = tables.Supplier.Count() / 10_000.0;
        using var progress = showProgress ? new ConsoleProgressListener() : null;
        if (progress is not null)
        {
            session.AddListener(progress);
        }

        _console.MarkupLine($"Session: {session.Options.EffectiveExecutorThreadsText()} executor threads, {session.Options.ShufflePartitionsText()} shuffle partitions");
        var outcomes = new List<QueryOutcome>();
        var failed = false;
        foreach (var number in settings.Queries)
        {
            QueryOutcome outcome;
            try
            {
                outcome = TpchQueryExecution.Run(session, tables, number, settings.Explain, scaleFactor);
                for (var run = 1; run < settings.Runs; run++)
                {
                    outcome = outcome.Then(TpchQueryExecution.Run(session, tables, number, explain: false, scaleFactor));
                }
            }
            catch (SparkJobException e)
            {
                error.WriteLine($"linq-spark: Q{number} failed: {LinqSparkCli.OneLine(e.Message)}");
                failed = true;
                break;
            }

            Report(outcome);
            outcomes.Add(outcome);
        }

        if (!failed)
        {
            Summarize(outcomes);
            _console.MarkupLine($"Total time {CellText.Duration(total.Elapsed)}.");
        }

        if (ui is not null)
        {
            // The jobs stay to be looked at: the UI serves until the user is done with it.
            _console.WriteLine($"The run is over; the Spark UI keeps serving at {ui.Url}. Press Enter or Ctrl+C to stop it.");
            WaitForEnterOrCtrlC();
        }

        return failed ? 1 : 0;
    }

    /// <summary>Blocks until a line is read from standard input or Ctrl+C is pressed (then only Ctrl+C, when input is at its end).</summary>
    private static void WaitForEnterOrCtrlC()
    {
        using var stop = new ManualResetEventSlim();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            stop.Set();
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            var reader = new Thread(() =>
            {
                if (Console.In.ReadLine() is not null)
                {
                    stop.Set();
                }
            })
            { IsBackground = true, Name = "linq-spark-ui-wait" };
            reader.Start();
            stop.Wait();
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    /// <summary>
    /// Loads or generates the rows and copies them into the session's columns. The rows are garbage afterwards (the
    /// session keeps columns): they are collected here, in one blocking full GC, so that the garbage collector does not
    /// reclaim gigabytes of them in the background while the first queries run and are timed.
    /// </summary>
    private TpchTables LoadInto(SparkSession session)
    {
        if (settings.Format == TpchFormat.Parquet)
        {
            return OpenParquet(session, settings.DataDirectory!);
        }

        var data = Load();
        return WithStatus("Copying the rows into the session's columns", () =>
        {
            var tables = data.ToSpark(session);
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            return tables;
        });
    }

    private static IAnsiConsole CreateConsole(TextWriter output)
    {
        // Files, pipes and in-memory writers get plain text 200 columns wide: no escape codes, and no squeezing
        // Q2's eight columns into Spectre's default of 80.
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!terminal)
        {
            console.Profile.Width = 200;
        }

        return console;
    }

    private void PrepareOutputDirectory()
    {
        if (settings.OutputDirectory is not { } directory)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliUsageException($"--output: cannot create the directory '{directory}': {e.Message}", e);
        }
    }

    /// <summary>The Parquet tables under <paramref name="directory"/>, generated there at the scale factor first when they are not all there.</summary>
    private TpchTables OpenParquet(SparkSession session, string directory)
    {
        var clock = Stopwatch.StartNew();
        if (TpchSpark.HasParquetTables(directory))
        {
            _console.MarkupLine($"Using the Parquet tables in {Markup.Escape(directory)} (delete the folder to generate them again)");
        }
        else
        {
            var scale = settings.ScaleFactor.ToString(CultureInfo.InvariantCulture);
            try
            {
                // One piece per unit of scale factor is generated and written at a time, so SF 10 needs no 10 × memory.
                new TpchGenerator(settings.ScaleFactor).WriteParquet(session, directory, (piece, pieces) =>
                {
                    if (pieces > 1)
                    {
                        _console.MarkupLine($"Generated and wrote piece {piece} of {pieces} in {CellText.Duration(clock.Elapsed)}");
                    }
                });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"--data: cannot write the Parquet tables into '{directory}': {e.Message}", e);
            }

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            _console.MarkupLine($"Generated TPC-H SF {scale} and wrote it as Parquet into {Markup.Escape(directory)} in {CellText.Duration(clock.Elapsed)}");
        }

        var bytes = TpchSpark.TableNames.Sum(t => Directory.EnumerateFiles(Path.Combine(directory, t), "*.parquet").Sum(f => new FileInfo(f).Length));
        var tables = session.ReadTpchParquet(directory);
        _console.MarkupLine($"Reading [bold]{bytes / (1 << 20):N0} MB[/] of Parquet; every query scans the files it needs");
        return tables;
    }

    private TpchData Load()
    {
        var clock = Stopwatch.StartNew();
        TpchData data;
        if (settings.DataDirectory is { } directory)
        {
            try
            {
                // An empty table is valid but rarely meant (a failed or interrupted dbgen run), so say so on stderr.
                data = TblReader.ReadDirectory(directory, path => error.WriteLine($"linq-spark: note: {path} holds no rows; its table is empty."));
            }
            catch (TpchFormatException e)
            {
                throw new CliUsageException(e.Message, e);
            }
            catch (FileNotFoundException e)
            {
                throw new CliUsageException($"--data: {e.FileName ?? e.Message} is missing; the directory needs dbgen's eight .tbl files.", e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"--data: {e.Message}", e);
            }

            _console.MarkupLine($"Loaded [bold]{CellText.Count(data.TotalRows)}[/] rows from {Markup.Escape(directory)} in {CellText.Duration(clock.Elapsed)}");
        }
        else
        {
            var scale = settings.ScaleFactor.ToString(CultureInfo.InvariantCulture);
            data = WithStatus($"Generating TPC-H SF {scale}", status =>
                new TpchGenerator(settings.ScaleFactor).Generate(table => status($"Generating TPC-H SF {scale}: {table}")));
            _console.MarkupLine($"Generated [bold]{CellText.Count(data.TotalRows)}[/] rows (TPC-H SF {scale}) in {CellText.Duration(clock.Elapsed)}");
        }

        return data;
    }

    /// <summary>
    /// Runs a long step under a spinner with its description on a terminal (when progress is shown); elsewhere
    /// the step's result line, printed after it, is all that is shown.
    /// </summary>
    private T WithStatus<T>(string description, Func<Action<string>, T> step)
    {
        if (!showProgress || Console.IsErrorRedirected)
        {
            return step(_ => { });
        }

        // The spinner goes to stderr, as the stage progress does, so redirected results stay clean.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        return console.Status().Start(Markup.Escape(description) + "…", context => step(text => context.Status(Markup.Escape(text) + "…")));
    }

    private T WithStatus<T>(string description, Func<T> step) => WithStatus(description, _ => step());

    private void Report(QueryOutcome outcome)
    {
        var members = RowMembers.Of(outcome.RowType);
        _console.Write(new Rule($"[yellow]Q{outcome.Number}[/]").LeftJustified());
        if (outcome.Plan is { } plan)
        {
            // Straight to the writer: Spectre would wrap the plan's long lines at the console width.
            output.WriteLine(plan);
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var name in members.Names)
        {
            table.AddColumn(Markup.Escape(name));
        }

        foreach (var row in outcome.Rows.Take(RowsShown))
        {
            table.AddRow([.. members.Texts(row).Select(Markup.Escape)]);
        }

        _console.Write(table);
        var metrics = outcome.Metrics;
        var shown = outcome.Rows.Count > RowsShown ? $"first {RowsShown} of " : "";
        _console.MarkupLine(
            $"{shown}{Plural(outcome.Rows.Count, "row")} in [bold]{CellText.Duration(outcome.WallTime)}[/]{RunsNote(outcome)} — " +
            $"{Plural(metrics.Jobs, "job")}, {Plural(metrics.Stages, "stage")}, {Plural(metrics.Tasks, "task")}" +
            (metrics.FailedTaskAttempts > 0 ? $" ({metrics.FailedTaskAttempts} failed attempts)" : "") +
            $", shuffled {CellText.Count(metrics.ShuffleRows)} rows ({CellText.Bytes(metrics.ShuffleBytes)})" +
            (metrics.SpilledBytes > 0 ? $", spilled {CellText.Bytes(metrics.SpilledBytes)} to disk" : ""));

        if (settings.OutputDirectory is { } directory)
        {
            var path = Path.Combine(directory, $"q{outcome.Number}.csv");
            CsvResultWriter.Write(path, members, outcome.Rows);
            _console.MarkupLine($"Wrote {Markup.Escape(path)}");
        }

        _console.WriteLine();
    }

    private void Summarize(IReadOnlyList<QueryOutcome> outcomes)
    {
        var totals = outcomes.Aggregate(new QueryMetrics(0, 0, 0, 0, 0, 0), (sum, o) => sum.Add(o.Metrics));
        var totalTime = TimeSpan.FromTicks(outcomes.Sum(o => o.WallTime.Ticks));
        var table = new Table().Border(TableBorder.Rounded).Title("TPC-H summary").ShowFooters();
        table.AddColumn(new TableColumn("Query").Footer("Total"));
        table.AddColumn(new TableColumn("Rows").RightAligned().Footer(CellText.Count(outcomes.Sum(o => o.Rows.Count))));
        table.AddColumn(new TableColumn(settings.Runs == 1 ? "Time" : $"Median of {settings.Runs}").RightAligned().Footer(CellText.Duration(totalTime)));
        table.AddColumn(new TableColumn("Jobs").RightAligned().Footer(CellText.Count(totals.Jobs)));
        table.AddColumn(new TableColumn("Stages").RightAligned().Footer(CellText.Count(totals.Stages)));
        table.AddColumn(new TableColumn("Tasks").RightAligned().Footer(CellText.Count(totals.Tasks)));
        table.AddColumn(new TableColumn("Shuffled rows").RightAligned().Footer(CellText.Count(totals.ShuffleRows)));
        // Spark's "Spill (disk)", shown when shuffle blocks did not fit in the executor memory.
        var spilled = totals.SpilledBytes > 0;
        if (spilled)
        {
            table.AddColumn(new TableColumn("Spill (disk)").RightAligned().Footer(CellText.Bytes(totals.SpilledBytes)));
        }

        foreach (var outcome in outcomes)
        {
            var metrics = outcome.Metrics;
            string[] cells =
            [
                $"Q{outcome.Number}",
                CellText.Count(outcome.Rows.Count),
                CellText.Duration(outcome.WallTime),
                CellText.Count(metrics.Jobs),
                CellText.Count(metrics.Stages),
                CellText.Count(metrics.Tasks),
                CellText.Count(metrics.ShuffleRows),
            ];
            table.AddRow(spilled ? [.. cells, CellText.Bytes(metrics.SpilledBytes)] : cells);
        }

        _console.Write(table);
    }

    /// <summary>With several runs, that the time is their median and the fastest and slowest of them.</summary>
    private static string RunsNote(QueryOutcome outcome) => outcome.WallTimes.Count == 1
        ? ""
        : $" (median of {outcome.WallTimes.Count} runs, {CellText.Duration(outcome.WallTimes.Min())} to {CellText.Duration(outcome.WallTimes.Max())})";

    private static string Plural(long count, string noun) => $"{CellText.Count(count)} {noun}{(count == 1 ? "" : "s")}";
}
