namespace Linq.Spark;

/// <summary>Thrown when a task of a job fails on its last allowed attempt; <see cref="Exception.InnerException"/> is the original error.</summary>
public sealed class SparkJobException : Exception
{
    /// <summary>Creates the exception for a failed task.</summary>
    public SparkJobException(int jobId, int stageId, int partitionId, int attempt, Exception inner)
        : base($"Job {jobId} aborted: task for partition {partitionId} of stage {stageId} failed on attempt {attempt}: {inner.GetType().Name}: {inner.Message}", inner)
    {
        JobId = jobId;
        StageId = stageId;
        PartitionId = partitionId;
        Attempt = attempt;
    }

    /// <summary>The job that failed.</summary>
    public int JobId { get; }

    /// <summary>The stage whose task failed.</summary>
    public int StageId { get; }

    /// <summary>The partition (task index) that failed.</summary>
    public int PartitionId { get; }

    /// <summary>The attempt number (1-based) of the last failure.</summary>
    public int Attempt { get; }
}
