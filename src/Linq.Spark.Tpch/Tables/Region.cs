namespace Linq.Spark.Tpch;

/// <summary>A row of the TPC-H <c>region</c> table: one of the five world regions.</summary>
/// <param name="RegionKey">Primary key, 0..4 (<c>r_regionkey</c>).</param>
/// <param name="Name">Region name, for example <c>EUROPE</c> (<c>r_name</c>).</param>
/// <param name="Comment">Free text (<c>r_comment</c>).</param>
public sealed record Region(
    [ColumnName("r_regionkey")] int RegionKey,
    [ColumnName("r_name")] string Name,
    [ColumnName("r_comment")] string Comment);
