using System.Text;

namespace Linq.Spark.Tests;

/// <summary>Compares canonical results as sequences or as multisets and explains the first difference.</summary>
public static class ResultComparer
{
    private const int MaxListed = 5;

    /// <summary>Null when <paramref name="actual"/> equals <paramref name="expected"/>; otherwise what differs.</summary>
    public static string? Compare(IReadOnlyList<CanonicalValue> expected, IReadOnlyList<CanonicalValue> actual, bool ordered) =>
        ordered ? CompareSequences(expected, actual) : CompareMultisets(expected, actual);

    /// <summary>Null when the two values match; otherwise both values.</summary>
    public static string? CompareValues(CanonicalValue expected, CanonicalValue actual) =>
        expected.Matches(actual) ? null : $"expected {expected} but got {actual}";

    /// <summary>Null when every item of <paramref name="expected"/> can be paired with a matching item of <paramref name="actual"/> (same counts);
    /// otherwise the items left over on each side.</summary>
    public static string? FindUnmatched(IReadOnlyList<CanonicalValue> expected, IReadOnlyList<CanonicalValue> actual)
    {
        if ((long)expected.Count * actual.Count > 25_000_000L)
        {
            return FindUnmatchedBySortKey(expected, actual);
        }

        var remaining = new LinkedList<CanonicalValue>(actual);
        var missing = new List<CanonicalValue>();
        foreach (var e in expected)
        {
            var node = remaining.First;
            while (node is not null && !node.Value.Matches(e))
            {
                node = node.Next;
            }

            if (node is null)
            {
                missing.Add(e);
            }
            else
            {
                remaining.Remove(node);
            }
        }

        if (missing.Count == 0 && remaining.Count == 0)
        {
            return null;
        }

        var sb = new StringBuilder();
        sb.Append($"{missing.Count} expected item(s) missing, {remaining.Count} unexpected item(s).");
        foreach (var m in missing.Take(MaxListed))
        {
            sb.Append("\n  missing:    ").Append(m);
        }

        foreach (var u in remaining.Take(MaxListed))
        {
            sb.Append("\n  unexpected: ").Append(u);
        }

        return sb.ToString();
    }

    private static string? FindUnmatchedBySortKey(IReadOnlyList<CanonicalValue> expected, IReadOnlyList<CanonicalValue> actual)
    {
        // Too large for pairwise matching: compare the sort keys as multisets (doubles rounded to 6 decimals).
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in expected)
        {
            counts[e.SortKey] = counts.GetValueOrDefault(e.SortKey) + 1;
        }

        var unexpected = new List<CanonicalValue>();
        foreach (var a in actual)
        {
            if (counts.GetValueOrDefault(a.SortKey) > 0)
            {
                counts[a.SortKey]--;
            }
            else
            {
                unexpected.Add(a);
            }
        }

        int missing = counts.Values.Sum();
        if (missing == 0 && unexpected.Count == 0)
        {
            return null;
        }

        var sb = new StringBuilder($"{missing} expected item(s) missing, {unexpected.Count} unexpected item(s) (compared by sort key).");
        foreach (var key in counts.Where(c => c.Value > 0).Select(c => c.Key).Take(MaxListed))
        {
            sb.Append("\n  missing:    ").Append(key);
        }

        foreach (var u in unexpected.Take(MaxListed))
        {
            sb.Append("\n  unexpected: ").Append(u);
        }

        return sb.ToString();
    }

    private static string? CompareSequences(IReadOnlyList<CanonicalValue> expected, IReadOnlyList<CanonicalValue> actual)
    {
        int common = Math.Min(expected.Count, actual.Count);
        for (int i = 0; i < common; i++)
        {
            if (!expected[i].Matches(actual[i]))
            {
                string orderHint = FindUnmatched(expected, actual) is null ? " (same multiset, different order)" : string.Empty;
                return $"sequences differ at index {i}{orderHint} (counts {expected.Count} vs {actual.Count}):\n  expected: {expected[i]}\n  actual:   {actual[i]}";
            }
        }

        if (expected.Count != actual.Count)
        {
            var extra = expected.Count > actual.Count ? expected[common] : actual[common];
            return $"expected {expected.Count} items but got {actual.Count}; first item only on the {(expected.Count > actual.Count ? "expected" : "actual")} side: {extra}";
        }

        return null;
    }

    private static string? CompareMultisets(IReadOnlyList<CanonicalValue> expected, IReadOnlyList<CanonicalValue> actual)
    {
        if (expected.Count == actual.Count)
        {
            var e = expected.OrderBy(v => v.SortKey, StringComparer.Ordinal).ToList();
            var a = actual.OrderBy(v => v.SortKey, StringComparer.Ordinal).ToList();
            bool pairwise = true;
            for (int i = 0; i < e.Count && pairwise; i++)
            {
                pairwise = e[i].Matches(a[i]);
            }

            if (pairwise)
            {
                return null;
            }
        }

        var unmatched = FindUnmatched(expected, actual);
        return unmatched is null ? null : $"multisets differ (counts {expected.Count} vs {actual.Count}): {unmatched}";
    }
}
