namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q16, the parts/supplier relationship query, in the specification's column order.</summary>
public sealed record Q16Row(string Brand, string Type, int Size, int SupplierCnt);
