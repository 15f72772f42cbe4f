namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q10, the returned item reporting query, in the specification's column order.</summary>
public sealed record Q10Row(
    int CustKey,
    string Name,
    double Revenue,
    double AcctBal,
    string NationName,
    string Address,
    string Phone,
    string Comment);
