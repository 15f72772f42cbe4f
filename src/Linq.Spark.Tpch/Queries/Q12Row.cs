namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q12, the shipping modes and order priority query, in the specification's column order.</summary>
public sealed record Q12Row(string ShipMode, int HighLineCount, int LowLineCount);
