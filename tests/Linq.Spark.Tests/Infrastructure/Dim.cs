namespace Linq.Spark.Tests;

/// <summary>A small dimension table joined to <see cref="Row"/> on <see cref="Row.Key"/>: some keys repeat, some are missing, some regions are null.</summary>
public sealed record Dim(int Key, string Label, int? Region);
