namespace Linq.Spark;

/// <summary>An error a task raised on a cluster executor, carried back to the driver by its type name, message and stack trace.</summary>
public sealed class RemoteTaskException : Exception
{
    /// <summary>Creates the exception from what the executor reported.</summary>
    public RemoteTaskException(string remoteType, string message, string? remoteStackTrace, string executorId)
        : base($"{remoteType} on executor {executorId}: {message}")
    {
        RemoteType = remoteType;
        RemoteMessage = message;
        RemoteStackTrace = remoteStackTrace;
        ExecutorId = executorId;
    }

    /// <summary>The full name of the exception type the task raised.</summary>
    public string RemoteType { get; }

    /// <summary>The message of the exception the task raised.</summary>
    public string RemoteMessage { get; }

    /// <summary>The stack trace on the executor, inner exceptions included.</summary>
    public string? RemoteStackTrace { get; }

    /// <summary>The executor the task ran on.</summary>
    public string ExecutorId { get; }
}
