namespace Linq.Spark.Analyzers;

/// <summary>How each query operator behaves in Spark's model: narrow, shuffle, sort, limit or action.</summary>
internal static class QueryOperators
{
    /// <summary>Operators that hash-partition or range-partition their input (start a new stage).</summary>
    public static bool IsShuffleName(string name) => name switch
    {
        "GroupBy" or "GroupJoin" or "Join" or "LeftJoin" or "RightJoin"
            or "Distinct" or "DistinctBy" or "Union" or "UnionBy" or "Intersect" or "IntersectBy"
            or "Except" or "ExceptBy" or "CountBy" or "AggregateBy" or "Repartition" => true,
        _ => IsSortStart(name),
    };

    /// <summary>Operators that start a sort (OrderBy and friends).</summary>
    public static bool IsSortStart(string name) =>
        name is "OrderBy" or "OrderByDescending" or "Order" or "OrderDescending";

    /// <summary>Operators that continue a sort (ThenBy and friends).</summary>
    public static bool IsSortContinuation(string name) => name is "ThenBy" or "ThenByDescending";

    /// <summary>Operators that are part of a sort.</summary>
    public static bool IsSort(string name) => IsSortStart(name) || IsSortContinuation(name);

    /// <summary>The join operators (their second argument is called <c>inner</c>).</summary>
    public static bool IsJoin(string name) => name is "Join" or "GroupJoin" or "LeftJoin" or "RightJoin";

    /// <summary>Operators that keep or drop rows by position, so their answer depends on row order.</summary>
    public static bool IsPositional(string name) => name is "Take" or "Skip" or "TakeLast" or "SkipLast"
        or "TakeWhile" or "SkipWhile" or "First" or "FirstOrDefault" or "Last" or "LastOrDefault"
        or "ElementAt" or "ElementAtOrDefault";

    /// <summary>Shuffles that hash-partition by a key and so discard any earlier order.</summary>
    public static bool DiscardsOrder(string name) => IsShuffleName(name) && !IsSortStart(name);

    /// <summary>Queryable operators that run the query and return a value (not another query).</summary>
    public static bool IsQueryableAction(string name) => name switch
    {
        "Count" or "LongCount" or "Sum" or "Min" or "Max" or "MinBy" or "MaxBy" or "Average" or "Aggregate"
            or "Any" or "All" or "Contains" or "SequenceEqual" or "First" or "FirstOrDefault" or "Last"
            or "LastOrDefault" or "Single" or "SingleOrDefault" or "ElementAt" or "ElementAtOrDefault" => true,
        _ => false,
    };

    /// <summary>Enumerable methods that run a Linq.Spark query they are applied to.</summary>
    public static bool IsEnumerableAction(string name) =>
        name is "ToList" or "ToArray" or "ToDictionary" or "ToHashSet" or "ToLookup";

    /// <summary>SparkQueryableExtensions methods that run the query asynchronously.</summary>
    public static bool IsAsyncAction(string name) => name is "ToListAsync" or "AsAsyncEnumerable";
}
