namespace Linq.Spark.Tpch;

/// <summary>Shares one string instance per distinct value of a low-cardinality column while reading a file.</summary>
internal sealed class StringInterner
{
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

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
        _strings.Add(created);
        return created;
    }
}
