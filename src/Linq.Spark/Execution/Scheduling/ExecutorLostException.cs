namespace Linq.Spark.Execution.Scheduling;

/// <summary>
/// A task could not run, or finish, because its executor left the cluster. While other executors remain the
/// scheduler runs it again without counting the attempt, as Spark does not count a lost executor against a task;
/// with none left (<see cref="IsRetriable"/> false) it is the task's failure.
/// </summary>
internal sealed class ExecutorLostException(string message, bool isRetriable = true) : Exception(message)
{
    /// <summary>Whether another executor can run the task.</summary>
    public bool IsRetriable { get; } = isRetriable;
}
