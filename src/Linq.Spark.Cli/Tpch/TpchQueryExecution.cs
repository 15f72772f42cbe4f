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
    /// <param name="session">The session the tables are on.</param>
    /// <param name="tables">The tables.</param>
    /// <param name="number">The query, 1..22.</param>
    /// <param name="explain">Whether to print the plan.</param>
    /// <param name="scaleFactor">The data's scale factor: Q11's fraction is the specification's 0.0001 / SF.</param>
    public static QueryOutcome Run(SparkSession session, TpchTables tables, int number, bool explain, double scaleFactor = 1)
    {
        // By id, not position: CompletedJobs keeps only the last SparkOptions.RetainedJobs.
        var lastJobBefore = session.CompletedJobs.LastOrDefault()?.JobId ?? -1;
        var clock = Stopwatch.StartNew();
        var query = number == 11 && scaleFactor > 0 ? TpchQueries.Q11(tables, 0.0001 / scaleFactor) : TpchQueries.ByNumber(number, tables);
        clock.Stop();
        var plan = explain ? Explain(query) : null;
        clock.Start();
        var rows = new List<object>();
        foreach (var row in (IEnumerable)query)
        {
            rows.Add(row!);
        }

        clock.Stop();
        var jobs = session.CompletedJobs.Where(j => j.JobId > lastJobBefore).ToList();
        return new QueryOutcome(number, query.ElementType, rows, plan, [clock.Elapsed], QueryMetrics.From(jobs));
    }

    private static string Explain(IQueryable query) =>
        (string)ExplainMethod.MakeGenericMethod(query.ElementType).Invoke(null, BindingFlags.DoNotWrapExceptions, null, [query], null)!;
}
