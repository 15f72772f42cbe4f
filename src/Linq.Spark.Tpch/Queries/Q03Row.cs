namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q3, the shipping priority query, in the specification's column order.</summary>
public sealed record Q03Row(int OrderKey, double Revenue, DateOnly OrderDate, int ShipPriority);
