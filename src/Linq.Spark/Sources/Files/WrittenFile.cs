namespace Linq.Spark.Sources.Files;

/// <summary>One task's written file, in the job's temporary folder, and its rows.</summary>
internal sealed record WrittenFile(int Partition, string Path, long Rows);
