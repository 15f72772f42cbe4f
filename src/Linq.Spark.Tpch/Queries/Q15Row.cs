namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q15, the top supplier query, in the specification's column order.</summary>
public sealed record Q15Row(int SuppKey, string Name, string Address, string Phone, double TotalRevenue);
