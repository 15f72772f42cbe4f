namespace Linq.Spark.Tpch;

/// <summary>A row of the TPC-H <c>customer</c> table: 150,000 × SF customers.</summary>
/// <param name="CustKey">Primary key, 1..150,000 × SF (<c>c_custkey</c>).</param>
/// <param name="Name"><c>Customer#</c> followed by the key in nine digits (<c>c_name</c>).</param>
/// <param name="Address">Random text (<c>c_address</c>).</param>
/// <param name="NationKey">Foreign key to <see cref="Nation"/> (<c>c_nationkey</c>).</param>
/// <param name="Phone">Phone number whose first two digits are the nation key + 10 (<c>c_phone</c>).</param>
/// <param name="AcctBal">Account balance, -999.99..9,999.99 (<c>c_acctbal</c>).</param>
/// <param name="MktSegment">Market segment, for example <c>BUILDING</c> (<c>c_mktsegment</c>).</param>
/// <param name="Comment">Free text (<c>c_comment</c>).</param>
public sealed record Customer(
    [ColumnName("c_custkey")] int CustKey,
    [ColumnName("c_name")] string Name,
    [ColumnName("c_address")] string Address,
    [ColumnName("c_nationkey")] int NationKey,
    [ColumnName("c_phone")] string Phone,
    [ColumnName("c_acctbal")] double AcctBal,
    [ColumnName("c_mktsegment")] string MktSegment,
    [ColumnName("c_comment")] string Comment);
