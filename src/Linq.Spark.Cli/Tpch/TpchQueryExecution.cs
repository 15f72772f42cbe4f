using System.Collections;
using System.Diagnostics;
using System.Reflection;
using Linq.Spark.Tpch;

namespace Linq.Spark.Cli.Tpch;

/// <summary>Runs one TPC-H query on a session and attributes to it the jobs it ran.</summary>
internal static class TpchQueryExecution
{
    private static readonly MethodInfo ExplainMethod =
        typeof(SparkQueryableExtensions).GetMethod(nameof(SparkQueryableExtensions.Explain))!;

    /// <summary>Builds and collects query <paramref name="number"/>; the wall time covers building (Q11, Q15 and Q22 run a first action there) and collecting, not explaining.</summary>
    public static QueryOutcome Run(SparkSession session, TpchTables tables, int number, bool explain)
    {
        var jobsBefore = session.CompletedJobs.Count;
        var clock = Stopwatch.StartNew();
        var query = TpchQueries.ByNumber(number, tables);
        clock.Stop();
        var plan = explain ? Explain(query) : null;
        clock.Start();
        var rows = new List<object>();
        foreach (var row in (IEnumerable)query)
        {
            rows.Add(row!);
        }

        clock.Stop();
        var jobs = session.CompletedJobs.Skip(jobsBefore).ToList();
        return new QueryOutcome(number, query.ElementType, rows, plan, [clock.Elapsed], QueryMetrics.From(jobs));
    }

    private static string Explain(IQueryable query) =>
        (string)ExplainMethod.MakeGenericMethod(query.ElementType).Invoke(null, BindingFlags.DoNotWrapExceptions, null, [query], null)!;
}
