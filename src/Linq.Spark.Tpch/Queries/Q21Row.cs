namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q21, the suppliers who kept orders waiting query, in the specification's column order.</summary>
public sealed record Q21Row(string Name, int NumWait);
