namespace Linq.Spark;

/// <summary>Names the file column a member reads and writes, when it is not the member's own name.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class ColumnNameAttribute(string name) : Attribute
{
    /// <summary>The column's name in files.</summary>
    public string Name { get; } = name;
}
