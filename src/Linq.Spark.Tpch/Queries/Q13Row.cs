namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q13, the customer distribution query, in the specification's column order.</summary>
public sealed record Q13Row(int CCount, int CustDist);
