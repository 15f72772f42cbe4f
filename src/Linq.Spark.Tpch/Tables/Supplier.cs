namespace Linq.Spark.Tpch;

/// <summary>A row of the TPC-H <c>supplier</c> table: 10,000 × SF suppliers.</summary>
/// <param name="SuppKey">Primary key, 1..10,000 × SF (<c>s_suppkey</c>).</param>
/// <param name="Name"><c>Supplier#</c> followed by the key in nine digits (<c>s_name</c>).</param>
/// <param name="Address">Random text (<c>s_address</c>).</param>
/// <param name="NationKey">Foreign key to <see cref="Nation"/> (<c>s_nationkey</c>).</param>
/// <param name="Phone">Phone number whose first two digits are the nation key + 10 (<c>s_phone</c>).</param>
/// <param name="AcctBal">Account balance, -999.99..9,999.99 (<c>s_acctbal</c>).</param>
/// <param name="Comment">Free text; a few contain <c>Customer ... Complaints</c> (<c>s_comment</c>).</param>
public sealed record Supplier(
    [ColumnName("s_suppkey")] int SuppKey,
    [ColumnName("s_name")] string Name,
    [ColumnName("s_address")] string Address,
    [ColumnName("s_nationkey")] int NationKey,
    [ColumnName("s_phone")] string Phone,
    [ColumnName("s_acctbal")] double AcctBal,
    [ColumnName("s_comment")] string Comment);
