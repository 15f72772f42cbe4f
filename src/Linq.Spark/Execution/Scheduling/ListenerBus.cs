namespace Linq.Spark.Execution.Scheduling;

/// <summary>Delivers scheduler events to the session's listeners; a throwing listener never fails a job.</summary>
internal sealed class ListenerBus
{
    private readonly List<ISparkListener> _listeners = [];
    private ISparkListener[] _snapshot = [];

    public void Add(ISparkListener listener)
    {
        lock (_listeners)
        {
            _listeners.Add(listener);
            _snapshot = [.. _listeners];
        }
    }

    public void JobStart(int jobId, string description, int stages) => Post(l => l.OnJobStart(jobId, description, stages));

    public void JobEnd(JobInfo job) => Post(l => l.OnJobEnd(job));

    public void StageSubmitted(int jobId, int stageId, int tasks) => Post(l => l.OnStageSubmitted(jobId, stageId, tasks));

    public void StageCompleted(int jobId, StageInfo stage) => Post(l => l.OnStageCompleted(jobId, stage));

    public void TaskStart(int jobId, int stageId, int partition, int attempt) => Post(l => l.OnTaskStart(jobId, stageId, partition, attempt));

    public void TaskEnd(TaskInfo task) => Post(l => l.OnTaskEnd(task));

    private void Post(Action<ISparkListener> send)
    {
        foreach (var listener in _snapshot)
        {
            try
            {
                send(listener);
            }
            catch (Exception e)
            {
                System.Diagnostics.Trace.TraceWarning($"Linq.Spark listener {listener.GetType().Name} threw: {e.Message}");
            }
        }
    }
}
