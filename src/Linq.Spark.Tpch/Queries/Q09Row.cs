namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q9, the product type profit measure query, in the specification's column order.</summary>
public sealed record Q09Row(string Nation, int Year, double SumProfit);
