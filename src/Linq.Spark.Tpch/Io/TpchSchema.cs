namespace Linq.Spark.Tpch;

/// <summary>The TPC-H column names of each table, in file order, as they appear in the specification and in dbgen's <c>.tbl</c> files.</summary>
public static class TpchSchema
{
    /// <summary>The columns of <c>region</c>.</summary>
    public static IReadOnlyList<string> Region { get; } = ["r_regionkey", "r_name", "r_comment"];

    /// <summary>The columns of <c>nation</c>.</summary>
    public static IReadOnlyList<string> Nation { get; } = ["n_nationkey", "n_name", "n_regionkey", "n_comment"];

    /// <summary>The columns of <c>supplier</c>.</summary>
    public static IReadOnlyList<string> Supplier { get; } =
        ["s_suppkey", "s_name", "s_address", "s_nationkey", "s_phone", "s_acctbal", "s_comment"];

    /// <summary>The columns of <c>customer</c>.</summary>
    public static IReadOnlyList<string> Customer { get; } =
        ["c_custkey", "c_name", "c_address", "c_nationkey", "c_phone", "c_acctbal", "c_mktsegment", "c_comment"];

    /// <summary>The columns of <c>part</c>.</summary>
    public static IReadOnlyList<string> Part { get; } =
        ["p_partkey", "p_name", "p_mfgr", "p_brand", "p_type", "p_size", "p_container", "p_retailprice", "p_comment"];

    /// <summary>The columns of <c>partsupp</c>.</summary>
    public static IReadOnlyList<string> PartSupp { get; } =
        ["ps_partkey", "ps_suppkey", "ps_availqty", "ps_supplycost", "ps_comment"];

    /// <summary>The columns of <c>orders</c>.</summary>
    public static IReadOnlyList<string> Orders { get; } =
    [
        "o_orderkey", "o_custkey", "o_orderstatus", "o_totalprice", "o_orderdate", "o_orderpriority", "o_clerk",
        "o_shippriority", "o_comment",
    ];

    /// <summary>The columns of <c>lineitem</c>.</summary>
    public static IReadOnlyList<string> LineItem { get; } =
    [
        "l_orderkey", "l_partkey", "l_suppkey", "l_linenumber", "l_quantity", "l_extendedprice", "l_discount",
        "l_tax", "l_returnflag", "l_linestatus", "l_shipdate", "l_commitdate", "l_receiptdate", "l_shipinstruct",
        "l_shipmode", "l_comment",
    ];

    /// <summary>The file name dbgen gives each table, for example <c>lineitem.tbl</c>.</summary>
    public static string FileName(string table) => table + ".tbl";
}
