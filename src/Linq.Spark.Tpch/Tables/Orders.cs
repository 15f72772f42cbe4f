namespace Linq.Spark.Tpch;

/// <summary>A row of the TPC-H <c>orders</c> table: 1,500,000 × SF orders with sparse keys.</summary>
/// <param name="OrderKey">Primary key; only the first 8 of every 32 key values are used (<c>o_orderkey</c>).</param>
/// <param name="CustKey">Foreign key to <see cref="Customer"/>; never a multiple of 3 (<c>o_custkey</c>).</param>
/// <param name="OrderStatus"><c>F</c>, <c>O</c> or <c>P</c> from the line statuses (<c>o_orderstatus</c>).</param>
/// <param name="TotalPrice">Sum of the lines' charges (<c>o_totalprice</c>).</param>
/// <param name="OrderDate">Order date, 1992-01-01..1998-08-02 (<c>o_orderdate</c>).</param>
/// <param name="OrderPriority">Priority, for example <c>1-URGENT</c> (<c>o_orderpriority</c>).</param>
/// <param name="Clerk"><c>Clerk#</c> followed by a number in nine digits (<c>o_clerk</c>).</param>
/// <param name="ShipPriority">Always 0 (<c>o_shippriority</c>).</param>
/// <param name="Comment">Free text; some contain <c>special ... requests</c> (<c>o_comment</c>).</param>
public sealed record Orders(
    [ColumnName("o_orderkey")] int OrderKey,
    [ColumnName("o_custkey")] int CustKey,
    [ColumnName("o_orderstatus")] char OrderStatus,
    [ColumnName("o_totalprice")] double TotalPrice,
    [ColumnName("o_orderdate")] DateOnly OrderDate,
    [ColumnName("o_orderpriority")] string OrderPriority,
    [ColumnName("o_clerk")] string Clerk,
    [ColumnName("o_shippriority")] int ShipPriority,
    [ColumnName("o_comment")] string Comment);
