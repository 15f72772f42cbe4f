namespace Linq.Spark.Tpch;

/// <summary>A row of the TPC-H <c>nation</c> table: one of the 25 nations and its region.</summary>
/// <param name="NationKey">Primary key, 0..24 (<c>n_nationkey</c>).</param>
/// <param name="Name">Nation name, for example <c>GERMANY</c> (<c>n_name</c>).</param>
/// <param name="RegionKey">Foreign key to <see cref="Region"/> (<c>n_regionkey</c>).</param>
/// <param name="Comment">Free text (<c>n_comment</c>).</param>
public sealed record Nation(
    [ColumnName("n_nationkey")] int NationKey,
    [ColumnName("n_name")] string Name,
    [ColumnName("n_regionkey")] int RegionKey,
    [ColumnName("n_comment")] string Comment);
