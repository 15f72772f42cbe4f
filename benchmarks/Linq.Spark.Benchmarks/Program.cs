using BenchmarkDotNet.Running;
using Linq.Spark.Benchmarks;

if (Array.IndexOf(args, "--spill-case") is >= 0 and var at)
{
    return SpillCheck.RunCase(args[at + 1], int.Parse(args[Array.IndexOf(args, "--rows") + 1], System.Globalization.CultureInfo.InvariantCulture), long.Parse(args[Array.IndexOf(args, "--executor-memory") + 1], System.Globalization.CultureInfo.InvariantCulture));
}

if (args.Contains("--quick"))
{
    return QuickRunner.Run(args.Where(a => a != "--quick").ToArray());
}

BenchmarkSwitcher.FromAssembly(typeof(QuickRunner).Assembly).Run(args);
return 0;
