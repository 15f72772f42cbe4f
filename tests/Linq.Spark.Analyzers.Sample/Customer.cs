namespace Linq.Spark.Analyzers.Sample;

/// <summary>A customer, the small side of the join examples.</summary>
public sealed record Customer(string Name, string Country);
