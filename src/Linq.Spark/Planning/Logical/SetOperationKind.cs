namespace Linq.Spark.Planning.Logical;

/// <summary>The set operators that need both inputs partitioned by key.</summary>
internal enum SetOperationKind
{
    Union,
    Intersect,
    Except,
}
