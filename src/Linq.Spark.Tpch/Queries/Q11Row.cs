namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q11, the important stock identification query, in the specification's column order.</summary>
public sealed record Q11Row(int PartKey, double Value);
