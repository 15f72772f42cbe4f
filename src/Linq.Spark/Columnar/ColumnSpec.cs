using System.Reflection;

namespace Linq.Spark.Columnar;

/// <summary>One column of an encoded row type: the member it holds and how it is stored.</summary>
internal sealed record ColumnSpec(MemberInfo Member, Type MemberType)
{
    /// <summary>The type of the values array (V for Nullable&lt;V&gt;).</summary>
    public Type StorageType { get; } = Nullable.GetUnderlyingType(MemberType) ?? MemberType;

    public bool IsNullable => Nullable.GetUnderlyingType(MemberType) is not null;

    /// <summary>How the values are stored.</summary>
    public ColumnKind Kind { get; init; } = Nullable.GetUnderlyingType(MemberType) is not null ? ColumnKind.Nullable : ColumnKind.Plain;

    public string Name => Member.Name;
}
