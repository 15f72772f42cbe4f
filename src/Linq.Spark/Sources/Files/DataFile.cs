namespace Linq.Spark.Sources.Files;

/// <summary>One file a scan reads: its path, its length, and the partition values of the key=value folders above it.</summary>
internal sealed record DataFile(string Path, long Length, IReadOnlyList<KeyValuePair<string, string>> PartitionValues);
