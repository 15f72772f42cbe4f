namespace Linq.Spark.Tpch;

/// <summary>The single row of TPC-H Q6, the forecasting revenue change query.</summary>
public sealed record Q06Row(double Revenue);
