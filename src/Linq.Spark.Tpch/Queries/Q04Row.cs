namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q4, the order priority checking query, in the specification's column order.</summary>
public sealed record Q04Row(string OrderPriority, int OrderCount);
