namespace Linq.Spark.Analyzers.Sample;

/// <summary>An order line, the row type of the examples.</summary>
public sealed record Order(int Id, string Customer, decimal Amount, bool Paid, DateOnly Date);
