using System.Globalization;
using System.Text;

namespace Linq.Spark.Tests;

/// <summary>A generated test case: rows, a chain of operators, a terminal, and where to run it.</summary>
public sealed class GeneratedQuery
{
    private readonly IReadOnlyList<(QueryStep Step, bool InputOrdered)> _steps;

    /// <summary>Normalizes the chain: wherever an operator or the terminal needs a defined order and the chain has none, a total sort is inserted.</summary>
    public GeneratedQuery(IReadOnlyList<Row> rows, IEnumerable<QueryStep> steps, QueryTerminal terminal, int partitions, ExecutionMode mode, string culture)
    {
        Rows = rows;
        Terminal = terminal;
        Partitions = partitions;
        Mode = mode;
        Culture = culture;
        var normalized = new List<(QueryStep, bool)>();
        bool ordered = true;
        foreach (var step in steps.Append(null))
        {
            bool needsOrder = step is null ? terminal.NeedsOrder : step.NeedsOrder;
            if (needsOrder && !ordered)
            {
                normalized.Add((QueryStep.TotalOrder, ordered));
                ordered = true;
            }

            if (step is null)
            {
                break;
            }

            normalized.Add((step, ordered));
            ordered = step.Effect switch
            {
                QueryStep.OrderEffect.Define => true,
                QueryStep.OrderEffect.Destroy => false,
                _ => ordered,
            };
            HasSparkOnlyStep |= step.SparkOnly;
        }

        _steps = normalized;
    }

    /// <summary>The source rows.</summary>
    public IReadOnlyList<Row> Rows { get; }

    /// <summary>The terminal.</summary>
    public QueryTerminal Terminal { get; }

    /// <summary>The partition count of the source.</summary>
    public int Partitions { get; }

    /// <summary>The session mode.</summary>
    public ExecutionMode Mode { get; }

    /// <summary>The name of the culture of the thread that runs the query (empty: invariant).</summary>
    public string Culture { get; }

    /// <summary>Whether a Spark-only operator is in the chain (the LINQ side then cannot tell the expected order).</summary>
    public bool HasSparkOnlyStep { get; }

    /// <summary>Runs the case under its culture on both engines; null when Linq.Spark agrees with LINQ to Objects.</summary>
    public string? Check(OracleTestBase oracle)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Culture);
        try
        {
            return Terminal.Check(oracle, Rows, Chain, Partitions, Mode, !HasSparkOnlyStep);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    /// <summary>
    /// Runs the chain (without its terminal) with <c>ExplainAnalyze</c>, whose counting kernels differ from the ordinary
    /// ones; null when the rows it reports equal LINQ to Objects' count, or when LINQ throws (that case is the oracle's).
    /// </summary>
    public string? CheckAnalyzed(SessionFixture sessions)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Culture);
        try
        {
            int expected;
            try
            {
                // Every row materialized, as ExplainAnalyze collects them, over a stream as the oracle's (a List lets LINQ
                // skip a projection's work for rows it drops, and Count() skips it altogether).
                expected = Chain(OracleTestBase.Streamed(Rows)).ToList().Count;
            }
            catch (Exception)
            {
                return null;
            }

            string text;
            try
            {
                text = Chain(sessions.Source(Mode, Rows, Partitions)).ExplainAnalyze();
            }
            catch (NotSupportedException)
            {
                return null;
            }

            var result = System.Text.RegularExpressions.Regex.Match(text, @"Result: ([\d,]+) rows");
            var actual = result.Success ? long.Parse(result.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : -1;
            return actual == expected ? null : $"ExplainAnalyze reported {actual} rows, LINQ to Objects counts {expected}:\n{text}";
        }
        catch (Exception e)
        {
            return $"ExplainAnalyze threw where LINQ to Objects did not: {e}";
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append($"Parallelize(rows[{Rows.Count}], {Partitions}) in {Mode}, culture \"{Culture}\"");
        foreach (var (step, _) in _steps)
        {
            sb.Append("\n  .").Append(step.Text);
        }

        sb.Append("\n  .").Append(Terminal.Text).Append("\nrows:");
        foreach (var r in Rows)
        {
            sb.Append($"\n  ({r.Id}, {r.Key}, {r.A}, {r.B}, {(r.Name is null ? "null" : "\"" + r.Name + "\"")}, {r.D:yyyy-MM-dd}, {r.Kind}, {(r.N?.ToString() ?? "null")})");
        }

        return sb.ToString();
    }

    private IQueryable<Row> Chain(IQueryable<Row> source)
    {
        var q = source;
        foreach (var (step, inputOrdered) in _steps)
        {
            q = step.Apply(q, inputOrdered);
        }

        return q;
    }
}
