namespace Linq.Spark.Benchmarks;

/// <summary>The micro benchmarks' row: an int key, a long, a double and a date.</summary>
public sealed record MicroRow(int Key, long A, double B, DateOnly D);
