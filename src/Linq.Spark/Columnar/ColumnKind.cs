namespace Linq.Spark.Columnar;

/// <summary>How a member is stored in a column.</summary>
internal enum ColumnKind
{
    /// <summary>A plain array of the member's type (numbers, bool, char, DateOnly, DateTime, TimeSpan, enums, other structs and objects).</summary>
    Plain,

    /// <summary>Nullable&lt;V&gt;: a V[] of values and a validity bitmap saying which are present.</summary>
    Nullable,

    /// <summary>A string member stored as int codes into a dictionary of its distinct values (-1 for null).</summary>
    DictionaryString,
}
