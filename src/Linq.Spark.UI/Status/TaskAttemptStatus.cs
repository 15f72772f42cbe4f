namespace Linq.Spark.UI.Status;

/// <summary>The states a task attempt is shown in, named as Spark's UI names them.</summary>
internal static class TaskAttemptStatus
{
    public const string Running = "RUNNING";
    public const string Success = "SUCCESS";
    public const string Failed = "FAILED";
}
