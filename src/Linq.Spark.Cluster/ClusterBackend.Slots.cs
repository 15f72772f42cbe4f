using Linq.Spark.Execution.Scheduling;

namespace Linq.Spark.Cluster;

/// <summary>The driver's task slots: which executor a task runs on, and when.</summary>
internal sealed partial class ClusterBackend
{
    /// <summary>
    /// A free task slot for the task, as Spark's driver offers tasks only to executors with a free core: tasks wait on
    /// the driver, not in an executor's queue, so a faster executor takes more of them and a failing one can be avoided.
    /// A task runs again on another executor than those it failed on, and an executor on which the job's tasks keep
    /// failing takes none of its tasks while another one can (Spark's exclusion on failure).
    /// </summary>
    private async Task<RemoteExecutor> TakeSlotAsync(Shipment shipment, int stageId, int partition, CancellationToken cancellation)
    {
        while (true)
        {
            Task freed;
            lock (_slots)
            {
                var live = _executors.Where(e => !e.IsLost).ToList();
                if (live.Count == 0)
                {
                    throw new ExecutorLostException(
                        $"No worker is left in the cluster at {_master}: {string.Join(", ", _executors.Select(e => e.Description.ExecutorId))} were lost.",
                        isRetriable: false);
                }

                var allowed = live.Where(e => !shipment.Excludes(e, stageId, partition)).ToList();
                var free = (allowed.Count > 0 ? allowed : live).Where(e => e.Running < e.Description.Threads).MinBy(e => e.Running);
                if (free is not null)
                {
                    free.Running++;
                    return free;
                }

                freed = _slotFreed.Task;
            }

            // A slot frees when a task ends, or when an executor is lost (its tasks end with it).
            await freed.WaitAsync(cancellation).ConfigureAwait(false);
        }
    }

    private void ReleaseSlot(RemoteExecutor executor) => ChangeSlots(() => executor.Running--);

    /// <summary>Changes what the slots are (a task ended, a worker joined) under the slot lock, then wakes the tasks waiting for one.</summary>
    private void ChangeSlots(Action change)
    {
        TaskCompletionSource freed;
        lock (_slots)
        {
            change();
            (freed, _slotFreed) = (_slotFreed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        freed.TrySetResult();
    }
}
