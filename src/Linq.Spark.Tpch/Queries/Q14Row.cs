namespace Linq.Spark.Tpch;

/// <summary>The single row of TPC-H Q14, the promotion effect query.</summary>
public sealed record Q14Row(double PromoRevenue);
