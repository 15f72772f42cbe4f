namespace Linq.Spark.Execution.Scheduling;

/// <summary>Delivers scheduler events to the session's listeners; a throwing listener never fails a job.</summary>
/// <remarks>Events go out with static callbacks and their arguments by value, so a session without listeners allocates nothing per event.</remarks>
internal sealed class ListenerBus
{
    private readonly List<ISparkListener> _listeners = [];
    private volatile ISparkListener[] _snapshot = [];

    public void Add(ISparkListener listener)
    {
        lock (_listeners)
        {
            _listeners.Add(listener);
            _snapshot = [.. _listeners];
        }
    }

    /// <summary>Detaches a listener; false when it was not attached.</summary>
    public bool Remove(ISparkListener listener)
    {
        lock (_listeners)
        {
            var removed = _listeners.Remove(listener);
            _snapshot = [.. _listeners];
            return removed;
        }
    }

    /// <summary>Whether any listener is attached, so a caller can skip building an event nobody receives.</summary>
    public bool Any => _snapshot.Length > 0;

    public void JobSubmitted(JobSubmission job) => Post(static (l, job) => l.OnJobSubmitted(job), job);

    public void JobStart(int jobId, string description, int stages) =>
        Post(static (l, e) => l.OnJobStart(e.jobId, e.description, e.stages), (jobId, description, stages));

    public void JobEnd(JobInfo job) => Post(static (l, job) => l.OnJobEnd(job), job);

    public void StageSubmitted(int jobId, int stageId, int tasks) =>
        Post(static (l, e) => l.OnStageSubmitted(e.jobId, e.stageId, e.tasks), (jobId, stageId, tasks));

    public void StageCompleted(int jobId, StageInfo stage) => Post(static (l, e) => l.OnStageCompleted(e.jobId, e.stage), (jobId, stage));

    public void TaskStart(int jobId, int stageId, int partition, int attempt, int slot)
    {
        if (Any)
        {
            Post(static (l, task) => l.OnTaskStart(task), new TaskStartInfo(jobId, stageId, partition, attempt, slot, DateTimeOffset.UtcNow));
        }
    }

    public void TaskEnd(TaskInfo task) => Post(static (l, task) => l.OnTaskEnd(task), task);

    private void Post<TEvent>(Action<ISparkListener, TEvent> send, TEvent message)
    {
        foreach (var listener in _snapshot)
        {
            try
            {
                send(listener, message);
            }
            catch (Exception e)
            {
                System.Diagnostics.Trace.TraceWarning($"Linq.Spark listener {listener.GetType().Name} threw: {e.Message}");
            }
        }
    }
}
