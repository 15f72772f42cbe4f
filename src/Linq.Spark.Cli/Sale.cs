namespace Linq.Spark.Cli;

/// <summary>One row of the demo's built-in sales data.</summary>
public sealed record Sale(int OrderId, int ProductId, string Region, int Quantity, double Price, DateOnly Date);
