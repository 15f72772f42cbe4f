namespace Linq.Spark.Cluster;

/// <summary>
/// The executor of one worker, as the driver calls it through Orleans: small control messages only. Jobs' plans and
/// values, the application's assemblies and shuffle blocks go over the worker's Arrow Flight endpoint instead.
/// </summary>
internal interface IExecutorGrain : IGrainWithStringKey
{
    /// <summary>Where the executor serves blocks, and its task slots and memory.</summary>
    Task<ExecutorDescription> Describe();

    /// <summary>Runs one task of a sent job (<c>TaskWire</c> bytes); its outcome comes back inline, or, when large, as a Flight ticket.</summary>
    Task<TaskReply> RunTask(string jobKey, byte[] task);

    /// <summary>Cancels the job's running tasks.</summary>
    Task CancelJob(string jobKey);

    /// <summary>Drops the job's blocks, files and plan.</summary>
    Task EndJob(string jobKey);

    /// <summary>Drops a driver session's jobs and assemblies.</summary>
    Task EndApplication(string applicationId);
}

/// <summary>An executor as the driver sees it.</summary>
/// <param name="ExecutorId">The executor's id (its silo's address), which map statuses name.</param>
/// <param name="FlightAddress">The Arrow Flight endpoint serving its blocks (http://host:port).</param>
/// <param name="Threads">Its task slots.</param>
/// <param name="MemoryBytes">Its executor memory.</param>
[GenerateSerializer, Immutable]
internal sealed record ExecutorDescription(
    [property: Id(0)] string ExecutorId,
    [property: Id(1)] string FlightAddress,
    [property: Id(2)] int Threads,
    [property: Id(3)] long MemoryBytes);

/// <summary>A task's outcome: its bytes when small, else the Flight ticket to fetch them by.</summary>
[GenerateSerializer, Immutable]
internal sealed record TaskReply([property: Id(0)] byte[]? Outcome, [property: Id(1)] string? Ticket);
