namespace Linq.Spark.Cli;

/// <summary>One row of the demo's product catalogue (a small table, joined by broadcast).</summary>
public sealed record Product(int ProductId, string Name, string Category);
