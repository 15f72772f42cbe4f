using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Linq.Spark.Benchmarks;

/// <summary>Runs every engine of every case once and checks its answer against the case's baseline (LINQ to Objects, or DuckDB where LINQ to Objects does not run the case), before anything is measured.</summary>
public static class AnswerCheck
{
    public static void Verify(object suite)
    {
        foreach (var group in Cases(suite.GetType()))
        {
            var baseline = group.Value.SingleOrDefault(m => m.Name.EndsWith("_Linq", StringComparison.Ordinal))
                ?? group.Value.Single(m => m.Name.EndsWith("_DuckDb", StringComparison.Ordinal));
            var expected = baseline.Invoke(suite, null);
            foreach (var method in group.Value.Where(m => m != baseline))
            {
                var actual = method.Invoke(suite, null);
                if (!Same(expected, actual))
                {
                    throw new InvalidOperationException($"{method.Name} answered {actual}, but {baseline.Name} answered {expected}.");
                }
            }
        }
    }

    /// <summary>Benchmark methods grouped by case (the name before the underscore).</summary>
    public static SortedDictionary<string, List<MethodInfo>> Cases(Type suite)
    {
        var cases = new SortedDictionary<string, List<MethodInfo>>(StringComparer.Ordinal);
        foreach (var method in suite.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
        {
            var name = method.Name[..method.Name.IndexOf('_')];
            if (!cases.TryGetValue(name, out var list))
            {
                cases[name] = list = [];
            }

            list.Add(method);
        }

        return cases;
    }

    private static bool Same(object? expected, object? actual) => (expected, actual) switch
    {
        (double e, double a) => Math.Abs(e - a) <= 1e-9 * Math.Max(1, Math.Abs(e)),
        _ => Equals(expected, actual),
    };
}
