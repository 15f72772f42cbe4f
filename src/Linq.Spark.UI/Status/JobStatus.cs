namespace Linq.Spark.UI.Status;

/// <summary>The states a job is shown in, as Spark's UI names them.</summary>
internal static class JobStatus
{
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
}
