namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q8, the national market share query, in the specification's column order.</summary>
public sealed record Q08Row(int Year, double MktShare);
