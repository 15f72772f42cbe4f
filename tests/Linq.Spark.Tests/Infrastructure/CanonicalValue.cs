using System.Globalization;
using System.Text;

namespace Linq.Spark.Tests;

/// <summary>A result value in a shape that compares structurally: a leaf, a sequence, or a record of named members.</summary>
/// <remarks>
/// Both engines' answers are turned into this form before they are compared, so that a grouping, a list, an
/// anonymous type or a record compares by content, and doubles compare to a relative tolerance of 1e-9.
/// Unordered collections (dictionaries, sets, lookups) are stored sorted by <see cref="SortKey"/>.
/// </remarks>
public sealed class CanonicalValue
{
    private const double RelativeTolerance = 1e-9;
    private const double AbsoluteTolerance = 1e-12;

    private string? _sortKey;

    private CanonicalValue(CanonicalShape shape, object? leaf, IReadOnlyList<CanonicalValue>? items, IReadOnlyList<KeyValuePair<string, CanonicalValue>>? members, string? typeName)
    {
        Shape = shape;
        Leaf = leaf;
        Items = items;
        Members = members;
        TypeName = typeName;
    }

    /// <summary>The kinds of canonical value.</summary>
    public enum CanonicalShape
    {
        /// <summary>A null reference or an empty nullable.</summary>
        Null,

        /// <summary>A scalar: number, string, date, enum, bool, char.</summary>
        Leaf,

        /// <summary>An ordered sequence.</summary>
        Sequence,

        /// <summary>A sequence whose order means nothing; stored sorted.</summary>
        Bag,

        /// <summary>An object compared member by member.</summary>
        Record,
    }

    /// <summary>Which kind of value this is.</summary>
    public CanonicalShape Shape { get; }

    /// <summary>The scalar of a leaf (doubles and floats as double).</summary>
    public object? Leaf { get; }

    /// <summary>The elements of a sequence or bag.</summary>
    public IReadOnlyList<CanonicalValue>? Items { get; }

    /// <summary>The members of a record, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, CanonicalValue>>? Members { get; }

    /// <summary>The CLR type name of a record, for messages only.</summary>
    public string? TypeName { get; }

    /// <summary>A string that orders values for multiset comparison; doubles are rounded so that tolerance-equal values nearly always sort together.</summary>
    public string SortKey => _sortKey ??= BuildSortKey();

    /// <summary>The null value.</summary>
    public static CanonicalValue Null { get; } = new(CanonicalShape.Null, null, null, null, null);

    /// <summary>Makes a leaf.</summary>
    public static CanonicalValue OfLeaf(object leaf) => new(CanonicalShape.Leaf, leaf, null, null, null);

    /// <summary>Makes an ordered sequence.</summary>
    public static CanonicalValue OfSequence(IReadOnlyList<CanonicalValue> items) => new(CanonicalShape.Sequence, null, items, null, null);

    /// <summary>Makes an unordered sequence, sorted by <see cref="SortKey"/>.</summary>
    public static CanonicalValue OfBag(IEnumerable<CanonicalValue> items) =>
        new(CanonicalShape.Bag, null, items.OrderBy(i => i.SortKey, StringComparer.Ordinal).ToList(), null, null);

    /// <summary>Makes a record.</summary>
    public static CanonicalValue OfRecord(string typeName, IReadOnlyList<KeyValuePair<string, CanonicalValue>> members) =>
        new(CanonicalShape.Record, null, null, members, typeName);

    /// <summary>Whether two doubles are equal to 1e-9 relative (or 1e-12 absolute near zero).</summary>
    public static bool DoublesMatch(double x, double y)
    {
        if (x.Equals(y))
        {
            return true;
        }

        double diff = Math.Abs(x - y);
        return diff <= AbsoluteTolerance || diff <= RelativeTolerance * Math.Max(Math.Abs(x), Math.Abs(y));
    }

    /// <summary>Structural equality, doubles to tolerance.</summary>
    public bool Matches(CanonicalValue other)
    {
        if (Shape != other.Shape)
        {
            return false;
        }

        switch (Shape)
        {
            case CanonicalShape.Null:
                return true;
            case CanonicalShape.Leaf:
                if (Leaf is double x && other.Leaf is double y)
                {
                    return DoublesMatch(x, y);
                }

                return Equals(Leaf, other.Leaf);
            case CanonicalShape.Record:
                if (Members!.Count != other.Members!.Count)
                {
                    return false;
                }

                for (int i = 0; i < Members.Count; i++)
                {
                    if (Members[i].Key != other.Members[i].Key || !Members[i].Value.Matches(other.Members[i].Value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                if (Items!.Count != other.Items!.Count)
                {
                    return false;
                }

                for (int i = 0; i < Items.Count; i++)
                {
                    if (!Items[i].Matches(other.Items[i]))
                    {
                        return Shape == CanonicalShape.Bag && ResultComparer.FindUnmatched(Items, other.Items) is null;
                    }
                }

                return true;
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb, 400);
        return sb.ToString();
    }

    private void Write(StringBuilder sb, int budget)
    {
        if (sb.Length > budget)
        {
            return;
        }

        switch (Shape)
        {
            case CanonicalShape.Null:
                sb.Append("null");
                break;
            case CanonicalShape.Leaf:
                sb.Append(FormatLeaf(Leaf!, exact: true));
                break;
            case CanonicalShape.Record:
                sb.Append(TypeName).Append(" { ");
                for (int i = 0; i < Members!.Count; i++)
                {
                    sb.Append(i == 0 ? string.Empty : ", ").Append(Members[i].Key).Append(" = ");
                    Members[i].Value.Write(sb, budget);
                }

                sb.Append(" }");
                break;
            default:
                sb.Append(Shape == CanonicalShape.Bag ? "bag[" : "[");
                for (int i = 0; i < Items!.Count; i++)
                {
                    if (sb.Length > budget)
                    {
                        sb.Append($"... ({Items.Count} items)");
                        break;
                    }

                    sb.Append(i == 0 ? string.Empty : ", ");
                    Items[i].Write(sb, budget);
                }

                sb.Append(']');
                break;
        }
    }

    private string BuildSortKey()
    {
        switch (Shape)
        {
            case CanonicalShape.Null:
                return "~";
            case CanonicalShape.Leaf:
                return FormatLeaf(Leaf!, exact: false);
            case CanonicalShape.Record:
                var sb = new StringBuilder("{");
                foreach (var member in Members!)
                {
                    sb.Append(member.Value.SortKey).Append('|');
                }

                return sb.Append('}').ToString();
            default:
                return "[" + string.Join(",", Items!.Select(i => i.SortKey)) + "]";
        }
    }

    private static string FormatLeaf(object leaf, bool exact) => leaf switch
    {
        double d when exact => d.ToString("R", CultureInfo.InvariantCulture),
        double d => Math.Round(d, 6).ToString("0.000000", CultureInfo.InvariantCulture).Replace("-0.000000", "0.000000", StringComparison.Ordinal),
        string s => "\"" + s + "\"",
        char c => "'" + c + "'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture) + (exact ? string.Empty : ":" + leaf.GetType().Name),
        _ => leaf.ToString() ?? string.Empty,
    };
}
