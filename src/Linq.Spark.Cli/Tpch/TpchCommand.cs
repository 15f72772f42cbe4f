using System.CommandLine;

namespace Linq.Spark.Cli.Tpch;

/// <summary>`linq-spark tpch`: runs TPC-H queries on generated or dbgen data and reports results, plans, stages and shuffles.</summary>
internal static class TpchCommand
{
    public static Command Create()
    {
        var scaleFactor = new Option<double>("--sf") { Description = "Scale factor of the generated data (1 = about 1 GB of .tbl text).", DefaultValueFactory = _ => 1 };
        var data = new Option<string?>("--data") { Description = "Load dbgen's eight .tbl files from this directory instead of generating data; with --format parquet, the folder of the Parquet tables." };
        var format = new Option<string>("--format")
        {
            Description = "tbl: .tbl files or generated rows, held in memory; parquet: query the Parquet tables under --data, generating them there at --sf first if they are missing.",
            DefaultValueFactory = _ => "tbl",
        };
        var queries = new Option<string>("--queries") { Description = "Queries to run: numbers 1..22 separated by commas, or all.", DefaultValueFactory = _ => "all" };
        var explain = new Option<bool>("--explain") { Description = "Print each query's physical plan." };
        var output = new Option<string?>("--output") { Description = "Write each query's full result as qN.csv into this directory (created if missing)." };
        var threads = new Option<int>("--threads") { Description = ThreadsArgument.Description, DefaultValueFactory = _ => 0 };
        var runs = new Option<int>("--runs")
        {
            Description = $"Run each query this many times (1..{TpchSettings.MaxRuns}) and report the median wall time, for timing comparisons.",
            DefaultValueFactory = _ => 1,
        };
        var ui = new Option<bool>("--ui") { Description = $"Serve the session's web UI (jobs, stage DAGs, tasks, plans, executors) on 127.0.0.1:{TpchSettings.DefaultUiPort} while the queries run, and after them until Enter or Ctrl+C." };
        var uiPort = new Option<int?>("--ui-port") { Description = $"The web UI's port (implies --ui; the next free one is taken when it is in use; 0 = any free port). Default {TpchSettings.DefaultUiPort}." };
        var executorMemory = new Option<long>("--executor-memory")
        {
            Description = "Executor memory in bytes, for shuffle blocks (at most half) and operators' buffers; what does not fit goes to files in the temporary directory (0 = 60 % of the available memory).",
            DefaultValueFactory = _ => 0,
        };
        var master = new Option<string?>("--master") { Description = "Run the queries on the workers of the cluster whose master is at HOST:PORT (see linq-spark master), or whose membership is in Redis at redis://HOST:PORT; --threads and --executor-memory are then the workers' own." };
        var tls = ClusterCommands.TlsOption();
        var command = new Command("tpch", "Run TPC-H queries and show their results, wall times, jobs, stages, tasks and shuffle volume.")
        {
            scaleFactor, data, format, queries, explain, output, threads, runs, ui, uiPort, executorMemory, master, tls,
        };

        command.SetAction(result =>
        {
            var settings = TpchSettings.Validate(
                result.GetValue(scaleFactor),
                result.GetValue(data),
                result.GetValue(queries) ?? "all",
                result.GetValue(explain),
                result.GetValue(output),
                result.GetValue(threads),
                result.GetValue(runs),
                result.GetValue(format) ?? "tbl",
                result.GetValue(ui),
                result.GetValue(uiPort),
                result.GetValue(executorMemory)) with { Master = result.GetValue(master), TlsCertificate = result.GetValue(tls) };
            var configuration = result.InvocationConfiguration;
            var error = configuration.Error;

            // Progress goes to the real stderr only: redrawn in place on a terminal, a line per stage every few seconds
            // when stderr is a file or a pipe (a CI log).
            var progress = ReferenceEquals(error, Console.Error);
            return new TpchRunner(settings, configuration.Output, error, progress).Run();
        });
        return command;
    }
}
