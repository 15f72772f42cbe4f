using System.Text;

namespace Linq.Spark.Tpch.Tests;

/// <summary>
/// Compares a LINQ answer with DuckDB's: the same row count, values equal (numbers within tolerance), rows in
/// the same order where the query orders them — rows that tie on every sort key may come in any order.
/// </summary>
internal static class ResultComparer
{
    /// <summary>
    /// The tolerance for a number: money within a cent, and within one part in a million for averages and ratios
    /// (whichever is tighter); integers (counts, keys) must be exact.
    /// </summary>
    public static bool ValuesEqual(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (long e, long a) => e == a,
        (long or double, long or double) => NumbersClose(Convert.ToDouble(expected), Convert.ToDouble(actual)),
        (string e, string a) => string.Equals(e, a, StringComparison.Ordinal),
        (DateOnly e, DateOnly a) => e == a,
        _ => false,
    };

    public static bool NumbersClose(double expected, double actual) =>
        Math.Abs(expected - actual) <= Math.Min(0.01, Math.Max(1e-9, 1e-6 * Math.Abs(expected)));

    /// <summary>Returns null when the answers agree, otherwise a description of the first difference.</summary>
    public static string? Difference(List<object?[]> expected, List<object?[]> actual, int[] orderColumns)
    {
        if (expected.Count != actual.Count)
        {
            return $"expected {expected.Count} rows but got {actual.Count}.\n" + Dump("expected", expected) + Dump("actual", actual);
        }

        for (int i = 0; i < expected.Count; i++)
        {
            if (expected[i].Length != actual[i].Length)
            {
                return $"row {i}: expected {expected[i].Length} columns but got {actual[i].Length}.";
            }
        }

        if (orderColumns.Length == 0)
        {
            return MatchAsMultiset(expected, actual, 0, expected.Count);
        }

        int start = 0;
        while (start < expected.Count)
        {
            int end = start + 1;
            while (end < expected.Count && SameKey(expected[start], expected[end], orderColumns))
            {
                end++;
            }

            for (int i = start; i < end; i++)
            {
                if (!SameKey(expected[i], actual[i], orderColumns))
                {
                    return $"row {i} is out of order: expected sort key of {QueryResult.Format(expected[i])} " +
                        $"but got {QueryResult.Format(actual[i])}.\n" + Dump("expected", expected) + Dump("actual", actual);
                }
            }

            string? difference = MatchAsMultiset(expected, actual, start, end);
            if (difference is not null)
            {
                return difference;
            }

            start = end;
        }

        return null;
    }

    private static bool SameKey(object?[] left, object?[] right, int[] orderColumns) =>
        orderColumns.All(c => ValuesEqual(left[c], right[c]));

    // Rows that tie on the sort key (or all rows of an unordered answer) are matched greedily; the runs are small.
    private static string? MatchAsMultiset(List<object?[]> expected, List<object?[]> actual, int start, int end)
    {
        var unmatched = Enumerable.Range(start, end - start).ToList();
        for (int i = start; i < end; i++)
        {
            int match = unmatched.FindIndex(j => expected[i].Zip(actual[j]).All(p => ValuesEqual(p.First, p.Second)));
            if (match < 0)
            {
                return $"row {i} {QueryResult.Format(expected[i])} has no equal row in the answer; " +
                    $"at that position it has {QueryResult.Format(actual[i])}.";
            }

            unmatched.RemoveAt(match);
        }

        return null;
    }

    private static string Dump(string title, List<object?[]> rows)
    {
        var text = new StringBuilder().Append(title).Append(":\n");
        foreach (var row in rows.Take(25))
        {
            text.Append("  ").Append(QueryResult.Format(row)).Append('\n');
        }

        if (rows.Count > 25)
        {
            text.Append("  … ").Append(rows.Count - 25).Append(" more\n");
        }

        return text.ToString();
    }
}
