namespace Linq.Spark;

/// <summary>Thrown when an operator cannot get the execution memory it needs even after spilling what it held.</summary>
public sealed class SparkMemoryException : Exception
{
    /// <summary>Creates the exception with its message and numbers.</summary>
    public SparkMemoryException(string message, string operatorName, long requestedBytes, long taskShareBytes, long executorMemoryBytes)
        : base(message)
    {
        OperatorName = operatorName;
        RequestedBytes = requestedBytes;
        TaskShareBytes = taskShareBytes;
        ExecutorMemoryBytes = executorMemoryBytes;
    }

    /// <summary>The operator that asked, as Explain shows it.</summary>
    public string OperatorName { get; }

    /// <summary>The bytes it asked for.</summary>
    public long RequestedBytes { get; }

    /// <summary>The most the task could hold when it asked (its fair share of the executor memory).</summary>
    public long TaskShareBytes { get; }

    /// <summary>The session's executor memory (<see cref="SparkOptions.ExecutorMemory"/>).</summary>
    public long ExecutorMemoryBytes { get; }
}
