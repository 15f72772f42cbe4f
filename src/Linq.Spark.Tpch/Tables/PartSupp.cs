namespace Linq.Spark.Tpch;

/// <summary>A row of the TPC-H <c>partsupp</c> table: four suppliers for every part.</summary>
/// <param name="PartKey">Foreign key to <see cref="Part"/> (<c>ps_partkey</c>).</param>
/// <param name="SuppKey">Foreign key to <see cref="Supplier"/> (<c>ps_suppkey</c>).</param>
/// <param name="AvailQty">Available quantity, 1..9,999 (<c>ps_availqty</c>).</param>
/// <param name="SupplyCost">Supply cost, 1.00..1,000.00 (<c>ps_supplycost</c>).</param>
/// <param name="Comment">Free text (<c>ps_comment</c>).</param>
public sealed record PartSupp(
    [ColumnName("ps_partkey")] int PartKey,
    [ColumnName("ps_suppkey")] int SuppKey,
    [ColumnName("ps_availqty")] int AvailQty,
    [ColumnName("ps_supplycost")] double SupplyCost,
    [ColumnName("ps_comment")] string Comment);
