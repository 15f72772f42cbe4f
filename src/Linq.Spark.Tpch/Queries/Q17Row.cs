namespace Linq.Spark.Tpch;

/// <summary>The single row of TPC-H Q17, the small-quantity-order revenue query.</summary>
public sealed record Q17Row(double AvgYearly);
