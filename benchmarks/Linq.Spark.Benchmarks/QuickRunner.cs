using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Linq.Spark.Benchmarks;

/// <summary>
/// The everyday side-by-side mode: each case's engines run a few times in one process, and one machine-readable line
/// per pair gives Linq.Spark's median time over the other engine's: <c>RATIO suite/case vs engine = x</c>.
/// </summary>
public static class QuickRunner
{
    public static int Run(string[] args)
    {
        // Defaults keep the everyday run under three minutes; the recorded table uses --rows 10000000 (TPC-H SF 1).
        var iterations = IntArgument(args, "--iterations", 3);
        var rows = IntArgument(args, "--rows", 1_000_000);
        var filter = StringArgument(args, "--filter");
        BenchmarkSessions.BatchSize = IntArgument(args, "--batch-size", SparkOptions.DefaultBatchSize);
        var suites = typeof(QuickRunner).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .OrderBy(t => t.Name, StringComparer.Ordinal);
        Console.WriteLine($"Quick mode: {iterations} iterations, medians; {Environment.ProcessorCount} cores; batch size {BenchmarkSessions.BatchSize}; {DateTime.UtcNow:yyyy-MM-dd}");
        if (filter is null || "memory".Contains(filter, StringComparison.OrdinalIgnoreCase))
        {
            MemoryCheck.Run(rows);
        }

        if (filter is not null && "spill".Contains(filter, StringComparison.OrdinalIgnoreCase))
        {
            // Out-of-core runs take minutes at the recorded sizes: only when asked for.
            SpillCheck.Run(rows);
        }

        foreach (var suiteType in suites)
        {
            var suiteName = suiteType.Name.Replace("Benchmarks", "", StringComparison.Ordinal).ToLowerInvariant();
            if (filter is not null && !suiteName.Contains(filter, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var suite = Activator.CreateInstance(suiteType)!;
            suiteType.GetProperty("RowCount")?.SetValue(suite, rows);
            var setup = Stopwatch.StartNew();
            suiteType.GetMethods().Single(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null).Invoke(suite, null);
            Console.WriteLine($"== {suiteName} (setup and answer check {setup.Elapsed.TotalSeconds:F1} s)");
            var allMedians = new List<Dictionary<string, double>>();
            foreach (var (caseName, methods) in AnswerCheck.Cases(suiteType))
            {
                var medians = methods.ToDictionary(m => m.Name[(m.Name.IndexOf('_') + 1)..], m => Median(suite, m, iterations));
                allMedians.Add(medians);
                Console.WriteLine($"  {caseName}: " + string.Join(", ", medians.Select(p => $"{p.Key} {p.Value:G3} ms")));
                // Every Linq.Spark variant (Spark, SparkShuffle) against every baseline.
                foreach (var (variant, spark) in medians.Where(p => p.Key.StartsWith("Spark", StringComparison.Ordinal)))
                {
                    var name = variant == "Spark" ? caseName : $"{caseName}-{variant["Spark".Length..].ToLowerInvariant()}";
                    foreach (var (engine, time) in medians.Where(p => !p.Key.StartsWith("Spark", StringComparison.Ordinal)))
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RATIO {suiteName}/{name} vs {engine.ToLowerInvariant()} = {spark / time:F3}"));
                    }
                }
            }

            PrintSummary(suiteName, allMedians);
            (suite as IDisposable)?.Dispose();
        }

        return 0;
    }

    /// <summary>
    /// For an engine that ran every case of a suite: the geometric mean of Linq.Spark's ratios to it and the ratio of the
    /// totals (the sum of all cases' medians), as <c>RATIO suite/geomean vs engine</c> and <c>RATIO suite/total vs engine</c>.
    /// </summary>
    private static void PrintSummary(string suiteName, List<Dictionary<string, double>> cases)
    {
        if (cases.Count < 2 || !cases.All(c => c.ContainsKey("Spark")))
        {
            return;
        }

        foreach (var engine in cases[0].Keys.Where(e => !e.StartsWith("Spark", StringComparison.Ordinal) && cases.All(c => c.ContainsKey(e))))
        {
            var geomean = Math.Exp(cases.Average(c => Math.Log(c["Spark"] / c[engine])));
            var spark = cases.Sum(c => c["Spark"]);
            var other = cases.Sum(c => c[engine]);
            var name = engine.ToLowerInvariant();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  total of {cases.Count} cases: Spark {spark:F0} ms, {engine} {other:F0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RATIO {suiteName}/geomean vs {name} = {geomean:F3}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RATIO {suiteName}/total vs {name} = {spark / other:F3}"));
        }
    }

    /// <summary>
    /// Median time of one call. Warms up until the JIT has settled (at least 20 calls or 300 ms), and times calls in
    /// batches long enough (about 20 ms) that sub-millisecond queries are measured, not the timer.
    /// </summary>
    private static double Median(object suite, MethodInfo method, int iterations)
    {
        var warm = Stopwatch.StartNew();
        var calls = 0;
        while (calls < 20 || warm.ElapsedMilliseconds < 300)
        {
            method.Invoke(suite, null);
            calls++;
            if (warm.ElapsedMilliseconds > 5_000)
            {
                break;
            }
        }

        var perCall = warm.Elapsed.TotalMilliseconds / calls;
        var batch = Math.Max(1, (int)(20 / Math.Max(perCall, 1e-3)));
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            for (var b = 0; b < batch; b++)
            {
                method.Invoke(suite, null);
            }

            times[i] = clock.Elapsed.TotalMilliseconds / batch;
        }

        Array.Sort(times);
        return times[iterations / 2];
    }

    private static int IntArgument(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string? StringArgument(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
