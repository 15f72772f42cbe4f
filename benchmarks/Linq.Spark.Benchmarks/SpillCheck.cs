using System.Diagnostics;
using System.Globalization;

namespace Linq.Spark.Benchmarks;

/// <summary>
/// Out-of-core runs: a GroupBy with as many distinct keys as rows, and an OrderBy of every row written out as Parquet,
/// each in a process of its own (peak working set is a process's), once with the executor memory unlimited (0: 60 % of
/// the machine's) and once with 256 MB. One line per case: <c>SPILL case memory: time, peak working set, spill, peak execution memory</c>.
/// </summary>
public static class SpillCheck
{
    private const long LimitedMemory = 256L * 1024 * 1024;

    public static void Run(int rows)
    {
        foreach (var name in new[] { "groupby", "orderby" })
        {
            foreach (var memory in new[] { 0L, LimitedMemory })
            {
                var self = typeof(SpillCheck).Assembly.Location;
                var start = new ProcessStartInfo("dotnet", ["exec", self, "--spill-case", name, "--rows", rows.ToString(CultureInfo.InvariantCulture), "--executor-memory", memory.ToString(CultureInfo.InvariantCulture)])
                {
                    RedirectStandardOutput = true,
                };
                using var child = Process.Start(start)!;
                var output = child.StandardOutput.ReadToEnd();
                child.WaitForExit();
                var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("SPILL ", StringComparison.Ordinal));
                Console.WriteLine(line ?? $"SPILL {name} failed (exit code {child.ExitCode}): {output.Trim()}");
            }
        }
    }

    /// <summary>Runs one case in this process and prints its line.</summary>
    public static int RunCase(string name, int rows, long memory)
    {
        var keys = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            keys[i] = (int)((i * 2654435761L) % rows);
        }

        var output = Path.Combine(Path.GetTempPath(), $"linq-spark-spill-check-{Environment.ProcessId}");
        var recorder = new StageTotals();
        using (var spark = SparkSession.Create(new SparkOptions { ExecutorMemory = memory }))
        {
            spark.AddListener(recorder);
            var source = spark.Parallelize(keys);
            var clock = Stopwatch.StartNew();
            var result = name == "groupby"
                ? source.GroupBy(k => k).Select(g => new { g.Key, Count = g.Count() }).Count(r => r.Count == 1)
                : Sorted(source, output);
            var elapsed = clock.Elapsed;
            using var self = Process.GetCurrentProcess();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"SPILL {name} {rows:N0} rows, ExecutorMemory {(memory == 0 ? "0 (60 % of memory)" : $"{memory / (1024 * 1024)} MB")}: {elapsed.TotalSeconds:F1} s, peak working set {self.PeakWorkingSet64 / (1024.0 * 1024):N0} MB, spill (disk) {recorder.Spilled / (1024.0 * 1024):N0} MB, peak execution memory per task {recorder.PeakExecution / (1024.0 * 1024):N0} MB, result {result:N0}"));
        }

        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        return 0;
    }

    private static int Sorted(IQueryable<int> source, string output)
    {
        source.OrderBy(k => k).Select(k => new SortedKey(k)).WriteParquet(output, WriteMode.Overwrite);
        return Directory.EnumerateFiles(output, "*.parquet").Count();
    }

    /// <summary>A row of the sorted output.</summary>
    public sealed record SortedKey(int Key);

    /// <summary>Sums what the stages spilled and keeps the largest peak execution memory.</summary>
    private sealed class StageTotals : ISparkListener
    {
        public long Spilled;
        public long PeakExecution;

        public void OnStageCompleted(int jobId, StageInfo stage)
        {
            Interlocked.Add(ref Spilled, stage.SpilledBytes);
            PeakExecution = Math.Max(PeakExecution, stage.PeakExecutionMemory);
        }
    }
}
