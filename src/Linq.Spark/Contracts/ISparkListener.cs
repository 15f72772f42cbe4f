namespace Linq.Spark;

/// <summary>Receives scheduler events, as Spark's SparkListener does; every method has an empty default.</summary>
/// <remarks>Events arrive on driver and executor threads; implementations must be thread-safe and quick.</remarks>
public interface ISparkListener
{
    /// <summary>A job was submitted, with its planned stages; sent just before <see cref="OnJobStart"/>, and only to sessions with listeners.</summary>
    void OnJobSubmitted(JobSubmission job) { }

    /// <summary>A job was submitted.</summary>
    void OnJobStart(int jobId, string description, int stageCount) { }

    /// <summary>A job finished, successfully or not.</summary>
    void OnJobEnd(JobInfo job) { }

    /// <summary>A stage's tasks were handed to the task scheduler.</summary>
    void OnStageSubmitted(int jobId, int stageId, int numTasks) { }

    /// <summary>A stage finished.</summary>
    void OnStageCompleted(int jobId, StageInfo stage) { }

    /// <summary>A task attempt started on an executor slot.</summary>
    void OnTaskStart(int jobId, int stageId, int partitionId, int attempt) { }

    /// <summary>A task attempt started, with its executor slot and launch time; by default it calls the overload without them.</summary>
    void OnTaskStart(TaskStartInfo task) => OnTaskStart(task.JobId, task.StageId, task.PartitionId, task.Attempt);

    /// <summary>A task attempt ended.</summary>
    void OnTaskEnd(TaskInfo task) { }
}
