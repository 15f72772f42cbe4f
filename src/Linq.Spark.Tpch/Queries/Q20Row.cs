namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q20, the potential part promotion query, in the specification's column order.</summary>
public sealed record Q20Row(string Name, string Address);
