namespace Linq.Spark.Tpch;

/// <summary>The single row of TPC-H Q19, the discounted revenue query.</summary>
public sealed record Q19Row(double Revenue);
