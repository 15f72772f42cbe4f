using System.Reflection;

namespace Linq.Spark.Cli.Tpch;

/// <summary>The members of a query's row record in declaration order (the specification's output order), with their values.</summary>
internal sealed class RowMembers
{
    private readonly PropertyInfo[] _properties;

    private RowMembers(PropertyInfo[] properties)
    {
        _properties = properties;
        Names = [.. properties.Select(p => p.Name)];
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The members of <paramref name="rowType"/>: a positional record's constructor parameters, else its public properties.</summary>
    public static RowMembers Of(Type rowType)
    {
        // GetProperties does not promise declaration order; a positional record's primary constructor does.
        var properties = rowType.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var constructor = rowType.GetConstructors()
            .Where(c => c.GetParameters().Length > 0 && c.GetParameters().All(p => properties.Any(q => q.Name == p.Name)))
            .MaxBy(c => c.GetParameters().Length);
        return constructor is null
            ? new RowMembers([.. properties.OrderBy(p => p.MetadataToken)])
            : new RowMembers([.. constructor.GetParameters().Select(p => properties.Single(q => q.Name == p.Name))]);
    }

    /// <summary>The row's member values as invariant text, in member order.</summary>
    public string[] Texts(object row)
    {
        var texts = new string[_properties.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = CellText.Format(_properties[i].GetValue(row));
        }

        return texts;
    }
}
