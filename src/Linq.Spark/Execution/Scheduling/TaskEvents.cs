using System.Threading.Channels;

namespace Linq.Spark.Execution.Scheduling;

/// <summary>
/// Where a job's launched tasks run and how their ends come back to its driver loop: on the executor threads, ends
/// reported through a channel; or, for a job on the calling thread, tasks queued and run one by one by the driver
/// itself (as slot -1) whenever it has no task end to handle, so a failure stops the job before the next task starts.
/// </summary>
internal abstract class TaskEvents
{
    /// <summary>Tasks go to the executor's threads.</summary>
    public static TaskEvents OnExecutor(Executor executor) => new ExecutorEvents(executor);

    /// <summary>Tasks run on the thread that reads the events.</summary>
    public static TaskEvents OnCaller() => new CallerEvents();

    /// <summary>Tasks run elsewhere (a cluster's executors) and report their ends here.</summary>
    public static TaskEvents Reported() => new ExecutorEvents(null);

    /// <summary>Starts (or queues) a task; it receives the slot it runs on.</summary>
    public abstract void Launch(Action<int> task);

    /// <summary>Reports a task's end; called by the task itself.</summary>
    public abstract void Report(TaskEvent ended);

    /// <summary>The next task end, waiting for it (or running queued tasks until one ends).</summary>
    public abstract ValueTask<TaskEvent> NextAsync(CancellationToken cancellation);

    /// <summary>Forgets the tasks that have not started, returning how many there were (a failed job runs no more).</summary>
    public abstract int DropNotStarted();

    private sealed class ExecutorEvents(Executor? executor) : TaskEvents
    {
        private readonly Channel<TaskEvent> _ended = Channel.CreateUnbounded<TaskEvent>(new UnboundedChannelOptions { SingleReader = true });

        public override void Launch(Action<int> task) =>
            (executor ?? throw new InvalidOperationException("Tasks of a cluster session are sent to its executors.")).Submit(task);

        public override void Report(TaskEvent ended) => _ended.Writer.TryWrite(ended);

        public override ValueTask<TaskEvent> NextAsync(CancellationToken cancellation) => _ended.Reader.ReadAsync(cancellation);

        public override int DropNotStarted() => 0;
    }

    private sealed class CallerEvents : TaskEvents
    {
        private readonly Queue<Action<int>> _tasks = new();
        private readonly Queue<TaskEvent> _ended = new();

        public override void Launch(Action<int> task) => _tasks.Enqueue(task);

        public override void Report(TaskEvent ended) => _ended.Enqueue(ended);

        public override ValueTask<TaskEvent> NextAsync(CancellationToken cancellation)
        {
            while (_ended.Count == 0)
            {
                cancellation.ThrowIfCancellationRequested();
                _tasks.Dequeue()(-1);
            }

            return new ValueTask<TaskEvent>(_ended.Dequeue());
        }

        public override int DropNotStarted()
        {
            var count = _tasks.Count;
            _tasks.Clear();
            return count;
        }
    }
}
