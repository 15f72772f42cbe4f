using System.Collections.Concurrent;

namespace Linq.Spark.Tpch;

/// <summary>
/// Shares one string instance per distinct value of a low-cardinality column while reading a file; safe to use
/// from the reader's parallel workers.
/// </summary>
internal sealed class StringInterner
{
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringInterner()
    {
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Intern(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out string? existing))
        {
            return existing;
        }

        string created = value.ToString();
        return _strings.GetOrAdd(created, created);
    }
}
