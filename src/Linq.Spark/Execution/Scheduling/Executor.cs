using System.Collections.Concurrent;

namespace Linq.Spark.Execution.Scheduling;

/// <summary>
/// The session's task slots: dedicated threads, one per slot, that take work items in submission order. Tasks run
/// only here — not on the .NET thread pool — so a session's parallelism is exactly its executor thread count.
/// </summary>
internal sealed class Executor : IDisposable
{
    private readonly BlockingCollection<Action<int>> _queue = new();
    private readonly Thread[] _threads;

    public Executor(int threads)
    {
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            var slot = i;
            _threads[i] = new Thread(() => Run(slot))
            {
                IsBackground = true,
                Name = $"linq-spark-executor-{i}",
            };
            // No execution context flows in: the creating thread's current span or culture is none of a task's business.
            _threads[i].UnsafeStart();
        }
    }

    public int Slots => _threads.Length;

    /// <summary>Queues work; it receives the slot number of the thread that runs it.</summary>
    public void Submit(Action<int> work) => _queue.Add(work);

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _queue.Dispose();
    }

    private void Run(int slot)
    {
        foreach (var work in _queue.GetConsumingEnumerable())
        {
            work(slot);
        }
    }
}
