namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q5, the local supplier volume query, in the specification's column order.</summary>
public sealed record Q05Row(string NationName, double Revenue);
