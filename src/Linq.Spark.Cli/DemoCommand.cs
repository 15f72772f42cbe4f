using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Linq.Spark.Cli;

/// <summary>`linq-spark demo`: a few queries over built-in data, each with its plan, its stages and its answer checked against LINQ to Objects.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var rows = new Option<int>("--rows") { Description = "Number of sales rows to generate.", DefaultValueFactory = _ => 2_000_000 };
        var threads = new Option<int>("--threads") { Description = ThreadsArgument.Description, DefaultValueFactory = _ => 0 };
        var command = new Command("demo", "Run a few queries on built-in sales data and show plans, stages and results.") { rows, threads };
        command.SetAction(result =>
        {
            var rowCount = result.GetValue(rows);
            if (rowCount < 0)
            {
                throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--rows: {rowCount} is negative; give the number of sales rows to generate."));
            }

            return Run(rowCount, ThreadsArgument.Check(result.GetValue(threads)));
        });
        return command;
    }

    private static int Run(int rowCount, int threads)
    {
        var clock = Stopwatch.StartNew();
        var sales = DemoData.Sales(rowCount);
        var products = DemoData.Products();
        AnsiConsole.MarkupLine($"[bold]Linq.Spark demo[/]: {rowCount:N0} sales rows, {products.Length} products, generated in {clock.ElapsedMilliseconds} ms");

        using var spark = SparkSession.Create(new SparkOptions { ExecutorThreads = threads });
        var orders = spark.Parallelize(sales);
        var local = sales.AsQueryable();
        AnsiConsole.MarkupLine($"Session: {spark.Options.EffectiveExecutorThreadsText()} executor threads, {spark.Options.ShufflePartitionsText()} shuffle partitions");

        var from = new DateOnly(2024, 1, 1);
        var ok = true;
        ok &= Show(spark, "1. Revenue of 2024 orders of 5 or more items (narrow: one stage)",
            q => q.Where(s => s.Date >= from && s.Quantity >= 5).Select(s => s.Price * s.Quantity),
            orders, local, q => new[] { new { Revenue = Math.Round(q.Sum(), 2) } });

        ok &= Show(spark, "2. Orders and revenue by region (partial aggregation, shuffle, final aggregation)",
            q => from s in q
                 group s by s.Region into g
                 select new { Region = g.Key, Orders = g.Count(), Items = g.Sum(s => s.Quantity), AveragePrice = g.Average(s => s.Price) },
            orders, local, q => q.AsEnumerable().OrderBy(r => r.Region).Select(r => new { r.Region, r.Orders, r.Items, AveragePrice = Math.Round(r.AveragePrice, 4) }).ToList());

        ok &= Show(spark, "3. Items sold per category (join with a small in-memory catalogue: broadcast, no shuffle of sales)",
            q => from s in q
                 join p in products on s.ProductId equals p.ProductId
                 group s by p.Category into g
                 select new { Category = g.Key, Items = g.Sum(s => s.Quantity) },
            orders, local, q => q.AsEnumerable().OrderBy(r => r.Category).ToList());

        ok &= Show(spark, "4. The five largest orders (OrderBy + Take: per-partition top-n, one stage)",
            q => q.OrderByDescending(s => s.Price * s.Quantity).ThenBy(s => s.OrderId).Take(5).Select(s => new { s.OrderId, s.Region, Total = Math.Round(s.Price * s.Quantity, 2) }),
            orders, local, q => q.ToList());

        AnsiConsole.MarkupLine(ok
            ? $"[green]All answers equal LINQ to Objects'.[/] Total {clock.Elapsed.TotalSeconds:F1} s."
            : "[red]Some answers differ from LINQ to Objects'.[/]");
        return ok ? 0 : 1;
    }

    private static bool Show<TRow, TOut>(
        SparkSession spark,
        string title,
        Func<IQueryable<Sale>, IQueryable<TRow>> query,
        IQueryable<Sale> sparkSource,
        IQueryable<Sale> localSource,
        Func<IQueryable<TRow>, IReadOnlyList<TOut>> answer)
    {
        AnsiConsole.Write(new Rule($"[yellow]{Markup.Escape(title)}[/]").LeftJustified());
        var q = query(sparkSource);
        AnsiConsole.WriteLine(q.Explain());
        var lastJobBefore = spark.CompletedJobs.LastOrDefault()?.JobId ?? -1;
        var clock = Stopwatch.StartNew();
        var result = answer(q);
        var sparkTime = clock.Elapsed;
        clock.Restart();
        var expected = answer(query(localSource));
        var linqTime = clock.Elapsed;

        var table = new Table().Border(TableBorder.Rounded);
        var members = typeof(TOut).GetProperties();
        foreach (var member in members)
        {
            table.AddColumn(member.Name);
        }

        foreach (var row in result)
        {
            table.AddRow([.. members.Select(m => Markup.Escape(Convert.ToString(m.GetValue(row), CultureInfo.InvariantCulture) ?? ""))]);
        }

        AnsiConsole.Write(table);
        foreach (var job in spark.CompletedJobs.Where(j => j.JobId > lastJobBefore))
        {
            var stages = string.Join(", ", job.Stages.Select(s => $"stage {s.StageId}: {s.NumTasks} tasks{(s.IsShuffleMap ? $", shuffled {s.ShuffleWriteRows:N0} rows" : "")}"));
            AnsiConsole.MarkupLine($"Job {job.JobId} ({job.Description}): {job.Stages.Count} stage(s) — {Markup.Escape(stages)}");
        }

        var same = result.Select(r => r?.ToString()).SequenceEqual(expected.Select(r => r?.ToString()));
        AnsiConsole.MarkupLine($"Linq.Spark {sparkTime.TotalMilliseconds:F0} ms, LINQ to Objects {linqTime.TotalMilliseconds:F0} ms — answers {(same ? "[green]equal[/]" : "[red]differ[/]")}");
        AnsiConsole.WriteLine();
        return same;
    }
}
