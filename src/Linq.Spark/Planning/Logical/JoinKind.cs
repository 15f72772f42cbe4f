namespace Linq.Spark.Planning.Logical;

/// <summary>The LINQ join flavours.</summary>
internal enum JoinKind
{
    Inner,
    Left,
    Right,
    Group,
}
