namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q7, the volume shipping query, in the specification's column order.</summary>
public sealed record Q07Row(string SuppNation, string CustNation, int Year, double Revenue);
