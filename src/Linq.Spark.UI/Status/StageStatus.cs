namespace Linq.Spark.UI.Status;

/// <summary>The states a stage is shown in: planned, running, done, failed, or never run because its job ended first.</summary>
internal static class StageStatus
{
    public const string Pending = "PENDING";
    public const string Running = "RUNNING";
    public const string Complete = "COMPLETE";
    public const string Failed = "FAILED";
    public const string Skipped = "SKIPPED";
}
