namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q18, the large volume customer query, in the specification's column order.</summary>
public sealed record Q18Row(string CustName, int CustKey, int OrderKey, DateOnly OrderDate, double TotalPrice, double SumQuantity);
