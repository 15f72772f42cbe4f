namespace Linq.Spark.Tpch;

/// <summary>A row of TPC-H Q1, the pricing summary report, in the specification's column order.</summary>
public sealed record Q01Row(
    char ReturnFlag,
    char LineStatus,
    double SumQty,
    double SumBasePrice,
    double SumDiscPrice,
    double SumCharge,
    double AvgQty,
    double AvgPrice,
    double AvgDisc,
    int CountOrder);
