namespace Linq.Spark.Tests;

/// <summary>The row every differential test queries: ints, a long, an exactly summable double, a nullable string,
/// a date, an enum and a nullable int.</summary>
public sealed record Row(int Id, int Key, long A, double B, string? Name, DateOnly D, Kind Kind, int? N);
