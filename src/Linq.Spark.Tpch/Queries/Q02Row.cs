namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q2, the minimum cost supplier query, in the specification's column order.</summary>
public sealed record Q02Row(
    double AcctBal,
    string SuppName,
    string NationName,
    int PartKey,
    string Mfgr,
    string Address,
    string Phone,
    string Comment);
