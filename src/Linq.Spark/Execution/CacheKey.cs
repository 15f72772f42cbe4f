namespace Linq.Spark.Execution;

/// <summary>
/// The block-manager key of a cached input: its Cache() token and the values of the slots it reads, compared one by
/// one with their own equality (captured numbers and strings by value, sources and collections by reference).
/// </summary>
internal sealed class CacheKey(object token, object?[] values) : IEquatable<CacheKey>
{
    /// <summary>The key of a cache operator's blocks for a job's parameter values.</summary>
    public static CacheKey Of(Planning.Physical.CacheExec node, object?[] parameters) =>
        new(parameters[node.TokenIndex]!, [.. node.InputIndexes.Select(i => parameters[i])]);

    public object Token { get; } = token;

    public IReadOnlyList<object?> Values { get; } = values;

    public bool Equals(CacheKey? other)
    {
        if (other is null || !Equals(Token, other.Token) || Values.Count != other.Values.Count)
        {
            return false;
        }

        for (var i = 0; i < Values.Count; i++)
        {
            if (!Equals(Values[i], other.Values[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as CacheKey);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Token);
        foreach (var value in Values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"{Token}({string.Join(", ", Values)})";
}
