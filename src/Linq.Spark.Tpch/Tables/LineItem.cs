namespace Linq.Spark.Tpch;

/// <summary>A row of the TPC-H <c>lineitem</c> table: one to seven lines per order, about 6,000,000 × SF.</summary>
/// <param name="OrderKey">Foreign key to <see cref="Orders"/> (<c>l_orderkey</c>).</param>
/// <param name="PartKey">Foreign key to <see cref="Part"/> (<c>l_partkey</c>).</param>
/// <param name="SuppKey">One of the part's four suppliers in <see cref="PartSupp"/> (<c>l_suppkey</c>).</param>
/// <param name="LineNumber">Line number within the order, 1..7 (<c>l_linenumber</c>).</param>
/// <param name="Quantity">Quantity, 1..50 (<c>l_quantity</c>).</param>
/// <param name="ExtendedPrice">Quantity × the part's retail price (<c>l_extendedprice</c>).</param>
/// <param name="Discount">Discount, 0.00..0.10 (<c>l_discount</c>).</param>
/// <param name="Tax">Tax, 0.00..0.08 (<c>l_tax</c>).</param>
/// <param name="ReturnFlag"><c>R</c> or <c>A</c> when received by 1995-06-17, otherwise <c>N</c> (<c>l_returnflag</c>).</param>
/// <param name="LineStatus"><c>O</c> when shipped after 1995-06-17, otherwise <c>F</c> (<c>l_linestatus</c>).</param>
/// <param name="ShipDate">Order date + 1..121 days (<c>l_shipdate</c>).</param>
/// <param name="CommitDate">Order date + 30..90 days (<c>l_commitdate</c>).</param>
/// <param name="ReceiptDate">Ship date + 1..30 days (<c>l_receiptdate</c>).</param>
/// <param name="ShipInstruct">Shipping instruction, for example <c>DELIVER IN PERSON</c> (<c>l_shipinstruct</c>).</param>
/// <param name="ShipMode">Shipping mode, for example <c>AIR</c> (<c>l_shipmode</c>).</param>
/// <param name="Comment">Free text (<c>l_comment</c>).</param>
public sealed record LineItem(
    [ColumnName("l_orderkey")] int OrderKey,
    [ColumnName("l_partkey")] int PartKey,
    [ColumnName("l_suppkey")] int SuppKey,
    [ColumnName("l_linenumber")] int LineNumber,
    [ColumnName("l_quantity")] double Quantity,
    [ColumnName("l_extendedprice")] double ExtendedPrice,
    [ColumnName("l_discount")] double Discount,
    [ColumnName("l_tax")] double Tax,
    [ColumnName("l_returnflag")] char ReturnFlag,
    [ColumnName("l_linestatus")] char LineStatus,
    [ColumnName("l_shipdate")] DateOnly ShipDate,
    [ColumnName("l_commitdate")] DateOnly CommitDate,
    [ColumnName("l_receiptdate")] DateOnly ReceiptDate,
    [ColumnName("l_shipinstruct")] string ShipInstruct,
    [ColumnName("l_shipmode")] string ShipMode,
    [ColumnName("l_comment")] string Comment);
