namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q22, the global sales opportunity query, in the specification's column order.</summary>
public sealed record Q22Row(string CntryCode, int NumCust, double TotAcctBal);
